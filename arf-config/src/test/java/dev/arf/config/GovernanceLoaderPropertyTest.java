package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.Environment;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.SafetyLimits;
import dev.arf.core.policy.HealingAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property: random thresholds, written out in full for the defaults and in part for services,
 * load as exactly those thresholds, each service's unwritten keys inherited from the defaults.
 */
class GovernanceLoaderPropertyTest {
    private static final GovernanceLoader LOADER = new GovernanceLoader();

    @Test
    void randomSettingsLoadAsWrittenAndServicesInheritWhatTheyDoNotWrite() {
        for (long seed = 1; seed <= 400; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            GovernanceSettings defaults = settings(r);
            StringBuilder yaml = new StringBuilder("kind: Governance\ndefaults:\n");
            write(yaml, "  ", defaults, true, r, true, defaults);
            Map<String, GovernanceSettings> services = new LinkedHashMap<>();
            if (r.nextBoolean()) {
                yaml.append("services:\n");
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    String name = "svc-" + i;
                    GovernanceSettings own = settings(r);
                    yaml.append("  ").append(name).append(":\n");
                    services.put(name, write(yaml, "    ", own, false, r, false, defaults));
                }
            }
            GovernanceConfig loaded = LOADER.load(yaml.toString(), "seed-" + seed + ".yaml");
            assertThat(loaded.defaults()).as("seed %d:\n%s", seed, yaml).isEqualTo(defaults);
            assertThat(loaded.services()).as("seed %d:\n%s", seed, yaml).isEqualTo(services);
        }
    }

    private static GovernanceSettings settings(SplittableRandom r) {
        Map<Environment, Set<String>> eligible = new EnumMap<>(Environment.class);
        for (Environment e : Environment.values()) {
            Set<String> kinds = new LinkedHashSet<>();
            GovernanceReading.KINDS.stream().filter(k -> r.nextBoolean()).forEach(kinds::add);
            eligible.put(e, kinds);
        }
        Map<HealingAction, Duration> cooldowns = new EnumMap<>(HealingAction.class);
        for (HealingAction a : GovernanceReading.COOLDOWN_ACTIONS) {
            cooldowns.put(a, duration(r, false));
        }
        return new GovernanceSettings(
                eligible,
                cooldowns,
                1 + r.nextInt(1_000_000),
                duration(r, true),
                1 + r.nextInt(1_000_000),
                1 + r.nextInt(1_000_000),
                r.nextBoolean(),
                new SafetyLimits(
                        r.nextInt(1001) / 1000.0,
                        1 + r.nextInt(100),
                        duration(r, true),
                        1 + r.nextInt(100),
                        duration(r, true),
                        1 + r.nextInt(10_000),
                        duration(r, true)));
    }

    private static Duration duration(SplittableRandom r, boolean positive) {
        long amount = (positive ? 1 : 0) + r.nextInt(r.nextBoolean() ? 100 : 999_999_999);
        return switch (r.nextInt(4)) {
            case 0 -> Duration.ofMillis(amount);
            case 1 -> Duration.ofSeconds(amount);
            case 2 -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /**
     * Writes {@code s} (all of it, or a random part of it over {@code base}), its keys indented by
     * {@code pad}, and returns what that part merged over {@code base} must load as.
     */
    private static GovernanceSettings write(
            StringBuilder y,
            String pad,
            GovernanceSettings s,
            boolean fleet,
            SplittableRandom r,
            boolean all,
            GovernanceSettings base) {
        Map<Environment, Set<String>> eligible = new EnumMap<>(base.eligible());
        List<String> lines = new ArrayList<>();
        for (Environment e : Environment.values()) {
            if (all || r.nextBoolean()) {
                lines.add(pad + "  " + e.key() + ": "
                        + s.eligible().get(e).stream().toList().toString());
                eligible.put(e, s.eligible().get(e));
            }
        }
        section(y, pad, "eligible", lines);
        Map<HealingAction, Duration> cooldowns = new EnumMap<>(base.cooldowns());
        lines = new ArrayList<>();
        for (HealingAction a : GovernanceReading.COOLDOWN_ACTIONS) {
            if (all || r.nextBoolean()) {
                lines.add(pad + "  " + a.key() + ": "
                        + UnitText.duration(s.cooldowns().get(a)));
                cooldowns.put(a, s.cooldowns().get(a));
            }
        }
        section(y, pad, "cooldowns", lines);
        boolean limit = all || r.nextBoolean();
        boolean window = all || r.nextBoolean();
        lines = new ArrayList<>();
        if (limit) {
            lines.add(pad + "  limit: " + s.repetitionLimit());
        }
        if (window) {
            lines.add(pad + "  window: " + UnitText.duration(s.repetitionWindow()));
        }
        section(y, pad, "repetition", lines);
        boolean perService = all || r.nextBoolean();
        lines = new ArrayList<>();
        if (perService) {
            lines.add(pad + "  per_service_per_hour: " + s.perServicePerHour());
        }
        if (fleet) {
            lines.add(pad + "  global_per_hour: " + s.globalPerHour());
        }
        section(y, pad, "budgets", lines);
        SafetyLimits b = base.safety();
        SafetyLimits w = s.safety();
        boolean[] k = new boolean[7];
        for (int i = 0; i < k.length; i++) {
            k[i] = all || r.nextBoolean();
        }
        lines = new ArrayList<>();
        if (k[0]) lines.add(pad + "  min_confidence: " + w.minConfidence());
        if (k[1]) lines.add(pad + "  breaker_failures: " + w.breakerFailures());
        if (k[2]) lines.add(pad + "  breaker_open_for: " + UnitText.duration(w.breakerOpenFor()));
        if (k[3]) lines.add(pad + "  ineffective_limit: " + w.ineffectiveLimit());
        if (k[4]) lines.add(pad + "  ineffective_block: " + UnitText.duration(w.ineffectiveBlock()));
        if (k[5]) lines.add(pad + "  max_targets_per_action: " + w.maxTargetsPerAction());
        if (k[6]) lines.add(pad + "  lock_lease: " + UnitText.duration(w.lockLease()));
        section(y, pad, "safety", lines);
        if (fleet) {
            y.append(pad).append("dry_run: ").append(s.dryRun()).append('\n');
        }
        return new GovernanceSettings(
                eligible,
                cooldowns,
                limit ? s.repetitionLimit() : base.repetitionLimit(),
                window ? s.repetitionWindow() : base.repetitionWindow(),
                perService ? s.perServicePerHour() : base.perServicePerHour(),
                fleet ? s.globalPerHour() : base.globalPerHour(),
                fleet ? s.dryRun() : base.dryRun(),
                new SafetyLimits(
                        k[0] ? w.minConfidence() : b.minConfidence(),
                        k[1] ? w.breakerFailures() : b.breakerFailures(),
                        k[2] ? w.breakerOpenFor() : b.breakerOpenFor(),
                        k[3] ? w.ineffectiveLimit() : b.ineffectiveLimit(),
                        k[4] ? w.ineffectiveBlock() : b.ineffectiveBlock(),
                        k[5] ? w.maxTargetsPerAction() : b.maxTargetsPerAction(),
                        k[6] ? w.lockLease() : b.lockLease()));
    }

    private static void section(StringBuilder y, String pad, String key, List<String> lines) {
        if (!lines.isEmpty()) {
            y.append(pad).append(key).append(":\n");
            lines.forEach(l -> y.append(l).append('\n'));
        }
    }
}
