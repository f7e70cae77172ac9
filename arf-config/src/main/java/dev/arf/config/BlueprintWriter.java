package dev.arf.config;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Bounds;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes a blueprint as YAML in seed 002's format, the text {@link BlueprintLoader} reads back to an
 * equal record: e.g. to record an amended blueprint ({@link ServiceBlueprint#withMaxReplicas}) as a new
 * version in a {@link dev.arf.core.blueprint.BlueprintHistory}.
 *
 * <p>Every value is written explicitly (environment, priority, criticality, verification flags), so the
 * text does not depend on the loader's defaults; sections the loader would read as absent (no resources,
 * no performance targets, no rules for a service, no verification) are left out. Operation lists are
 * sorted (they are sets), approval rules and checks keep their order. Quantities are written in the
 * largest unit that says them exactly ({@link UnitText}).
 *
 * <p>{@link #write} loads what it wrote and compares: it returns only text that reads back to an equal
 * blueprint, and throws {@link IllegalArgumentException} for a blueprint the format cannot say (e.g. a
 * name the schema refuses, a 1.5 ms latency, an operation both allowed and forbidden). Thread-safe.
 */
public final class BlueprintWriter {
    /** Plain (unquoted) scalars: words that no YAML reader takes for anything but text. */
    private static final Pattern PLAIN =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*|[0-9]+(\\.[0-9]+)?(%|ms|s|m|h|Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)");

    private static final Set<String> RESERVED =
            Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf");

    private final BlueprintLoader loader;

    public BlueprintWriter() {
        this(new BlueprintLoader());
    }

    /** Uses {@code loader} to check what it writes (share one: building a loader compiles the schema). */
    public BlueprintWriter(BlueprintLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * The blueprint as YAML that {@link BlueprintLoader} reads back to an equal blueprint.
     *
     * @throws IllegalArgumentException when the format cannot say this blueprint exactly
     */
    public String write(Blueprint blueprint) {
        Objects.requireNonNull(blueprint, "blueprint");
        String yaml = render(blueprint);
        String name = "written blueprint " + blueprint.metadata().name();
        Blueprint back;
        try {
            back = loader.load(yaml, name);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    "the blueprint cannot be written as a blueprint file:\n" + e.getMessage(), e);
        }
        if (!back.equals(blueprint)) {
            throw new IllegalArgumentException(
                    "the blueprint would not read back the same: wrote " + blueprint + ", would read " + back);
        }
        return yaml;
    }

    /** The YAML text, unchecked. */
    static String render(Blueprint blueprint) {
        Yaml out = new Yaml();
        switch (blueprint) {
            case GlobalBlueprint g -> {
                out.entry(0, "kind", "GlobalBlueprint");
                metadata(out, g.metadata(), g);
                governance(out, g.governance(), true);
            }
            case ServiceBlueprint s -> {
                metadata(out, s.metadata(), s);
                out.key(0, "spec");
                scaling(out, s.scaling());
                resources(out, s.resources());
                performance(out, s.performance());
                governance(out, s.governance(), false);
                verification(out, s.verification());
            }
        }
        return out.text();
    }

    private static void metadata(Yaml out, BlueprintMetadata m, Blueprint b) {
        out.key(0, "metadata");
        out.entry(1, "name", m.name());
        out.entry(1, "version", m.version());
        out.entry(1, "environment", b.environment().key());
        out.entry(1, "priority", m.priority().key());
        out.entry(1, "criticality", m.criticality().key());
    }

    private static void scaling(Yaml out, Scaling s) {
        out.key(1, "scaling");
        out.raw(2, "min_replicas", Integer.toString(s.minReplicas()));
        out.raw(2, "max_replicas", Integer.toString(s.maxReplicas()));
        out.entry(2, "target_cpu_utilization", UnitText.percentage(s.targetCpuUtilization()));
        if (s.targetMemoryUtilization().isPresent()) {
            out.entry(
                    2,
                    "target_memory_utilization",
                    UnitText.percentage(s.targetMemoryUtilization().getAsDouble()));
        }
        out.entry(2, "scale_up_threshold", UnitText.percentage(s.scaleUpThreshold()));
        out.entry(2, "scale_down_threshold", UnitText.percentage(s.scaleDownThreshold()));
    }

    private static void resources(Yaml out, Resources r) {
        if (r.equals(Resources.unspecified())) {
            return;
        }
        out.key(1, "resources");
        bounds(out, "cpu", r.cpuCores(), UnitText::cpu);
        bounds(out, "memory", r.memoryBytes(), UnitText::memory);
    }

    private static <T extends Comparable<T>> void bounds(
            Yaml out, String key, Bounds<T> bounds, Function<T, String> unit) {
        if (bounds.equals(Bounds.none())) {
            return;
        }
        out.key(2, key);
        optional(out, 3, "min", bounds.min().map(unit));
        optional(out, 3, "target", bounds.target().map(unit));
        optional(out, 3, "max", bounds.max().map(unit));
        optional(out, 3, "request", bounds.request().map(unit));
        optional(out, 3, "limit", bounds.limit().map(unit));
    }

    private static void performance(Yaml out, PerformanceTargets p) {
        if (p.equals(PerformanceTargets.none())) {
            return;
        }
        out.key(1, "performance");
        optional(out, 2, "latency_target_p50", p.latencyTargetP50().map(UnitText::duration));
        optional(out, 2, "latency_target_p95", p.latencyTargetP95().map(UnitText::duration));
        optional(out, 2, "latency_target_p99", p.latencyTargetP99().map(UnitText::duration));
        if (p.errorRateThreshold().isPresent()) {
            out.entry(
                    2,
                    "error_rate_threshold",
                    UnitText.percentage(p.errorRateThreshold().getAsDouble()));
        }
    }

    private static void governance(Yaml out, GovernanceRules rules, boolean always) {
        boolean empty = rules.allowed().isEmpty()
                && rules.requiresApproval().isEmpty()
                && rules.forbidden().isEmpty();
        if (empty && !always) {
            return;
        }
        out.key(0, "governance");
        if (empty) {
            out.raw(1, "agent_authority", "{}");
            return;
        }
        out.key(1, "agent_authority");
        if (!rules.allowed().isEmpty()) {
            out.list(2, "allowed_operations", new TreeSet<>(rules.allowed()));
        }
        if (!rules.requiresApproval().isEmpty()) {
            out.key(2, "requires_approval");
            for (ApprovalRule rule : rules.requiresApproval()) {
                out.item(3, "operation", rule.operation());
                if (!rule.condition().isEmpty()) {
                    out.entry(4, "condition", rule.condition());
                }
                out.list(4, "approvers", rule.approvers());
            }
        }
        if (!rules.forbidden().isEmpty()) {
            out.list(2, "forbidden_operations", new TreeSet<>(rules.forbidden()));
        }
    }

    private static void verification(Yaml out, Verification v) {
        if (v.equals(Verification.disabled())) {
            return;
        }
        out.key(0, "verification");
        out.raw(1, "enabled", Boolean.toString(v.enabled()));
        out.entry(1, "stabilization_period", UnitText.duration(v.stabilizationPeriod()));
        if (!v.checks().isEmpty()) {
            out.key(1, "checks");
            for (VerificationCheck c : v.checks()) {
                out.item(2, "name", c.metric());
                out.entry(3, "type", "threshold");
                out.entry(3, "target", c.comparison().symbol() + " " + quantity(c.target()));
                out.raw(3, "critical", Boolean.toString(c.critical()));
                out.raw(3, "rollback_trigger", Boolean.toString(c.rollbackTrigger()));
            }
        }
        out.key(1, "rollback");
        out.raw(2, "enabled", Boolean.toString(v.rollback().enabled()));
        out.raw(2, "automatic", Boolean.toString(v.rollback().automatic()));
        out.raw(2, "trigger_on_critical_failure", Boolean.toString(v.rollback().triggerOnCriticalFailure()));
    }

    private static String quantity(Quantity q) {
        return switch (q) {
            case Quantity.Percentage p -> UnitText.percentage(p.fraction());
            case Quantity.Time t -> UnitText.duration(t.duration());
        };
    }

    private static void optional(Yaml out, int depth, String key, Optional<String> value) {
        value.ifPresent(v -> out.entry(depth, key, v));
    }

    /** A block-style YAML emitter for the few shapes a blueprint has. */
    private static final class Yaml {
        private final StringBuilder text = new StringBuilder();

        void key(int depth, String key) {
            indent(depth).append(key).append(":\n");
        }

        /** {@code key: value} with the value quoted when YAML would read it as anything but this text. */
        void entry(int depth, String key, String value) {
            raw(depth, key, scalar(value));
        }

        void raw(int depth, String key, String value) {
            indent(depth).append(key).append(": ").append(value).append('\n');
        }

        /** The first entry of a mapping in a list: {@code - key: value}. */
        void item(int depth, String key, String value) {
            indent(depth - 1)
                    .append("  - ")
                    .append(key)
                    .append(": ")
                    .append(scalar(value))
                    .append('\n');
        }

        void list(int depth, String key, Collection<String> values) {
            raw(
                    depth,
                    key,
                    "[" + String.join(", ", values.stream().map(Yaml::scalar).toList()) + "]");
        }

        String text() {
            return text.toString();
        }

        private StringBuilder indent(int depth) {
            return text.append("  ".repeat(depth));
        }

        static String scalar(String value) {
            if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
                return value;
            }
            return quoted(value);
        }

        /**
         * A YAML double-quoted scalar: backslash and quote escaped, and every character YAML does not
         * print as is (controls, line and paragraph separators, byte-order marks, non-characters) as an
         * escape.
         */
        static String quoted(String value) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (Character.isSurrogate(c)) {
                            int cp = value.codePointAt(i);
                            if (Character.isSupplementaryCodePoint(cp)) {
                                sb.appendCodePoint(cp);
                                i++;
                            } else {
                                throw new IllegalArgumentException("the text holds an unpaired surrogate");
                            }
                        } else if (c < 0x20
                                || (c >= 0x7F && c <= 0x9F)
                                || c == 0x2028
                                || c == 0x2029
                                || c == 0xFEFF
                                || c >= 0xFFFE) {
                            sb.append(String.format("\\u%04X", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
