package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.blueprint.ApprovalRule;
import dev.arf.core.blueprint.Blueprint;
import dev.arf.core.blueprint.BlueprintMetadata;
import dev.arf.core.blueprint.Bounds;
import dev.arf.core.blueprint.Comparison;
import dev.arf.core.blueprint.Criticality;
import dev.arf.core.blueprint.Environment;
import dev.arf.core.blueprint.GlobalBlueprint;
import dev.arf.core.blueprint.GovernanceRules;
import dev.arf.core.blueprint.PerformanceTargets;
import dev.arf.core.blueprint.Priority;
import dev.arf.core.blueprint.Quantity;
import dev.arf.core.blueprint.Resources;
import dev.arf.core.blueprint.Rollback;
import dev.arf.core.blueprint.Scaling;
import dev.arf.core.blueprint.ServiceBlueprint;
import dev.arf.core.blueprint.Units;
import dev.arf.core.blueprint.Verification;
import dev.arf.core.blueprint.VerificationCheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded property: any blueprint the format can say — random scaling, resources, performance targets,
 * governance rules with awkward texts, verification checks, global rule sets — is written to text that
 * the loader reads back to an equal record.
 */
class BlueprintWriterPropertyTest {
    private static final BlueprintLoader LOADER = new BlueprintLoader();
    private static final BlueprintWriter WRITER = new BlueprintWriter(LOADER);

    /** Characters that tempt a YAML writer into mistakes: indicators, quotes, escapes, controls, non-ASCII. */
    private static final String AWKWARD = "ab yz09-_:#&*!|>'\"%@`,[]{}?\\\t\n\r\u0000\u0007\u0085\u00a0é€\u2028\ufeff";

    private static final String[] DURATION_UNITS = {"ms", "s", "m", "h"};
    private static final String[] MEMORY_UNITS = {"Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"};

    @Test
    void everyRandomBlueprintReadsBackEqualFromWhatIsWritten() {
        int globals = 0;
        for (long seed = 1; seed <= 600; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Blueprint blueprint = random.nextInt(6) == 0 ? global(random) : service(random);
            globals += blueprint instanceof GlobalBlueprint ? 1 : 0;
            String yaml = WRITER.write(blueprint); // itself checks the round trip; check again here, plainly
            assertThat(LOADER.load(yaml, "seed-" + seed + ".yaml"))
                    .as("seed %d:\n%s", seed, yaml)
                    .isEqualTo(blueprint);
        }
        assertThat(globals).isPositive();
    }

    @Test
    void anAmendedRandomBlueprintReadsBackEqualToo() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ServiceBlueprint amended = service(random).withMaxReplicas(1 + random.nextInt(500));
            assertThat(LOADER.load(WRITER.write(amended), "amended.yaml")).isEqualTo(amended);
        }
    }

    private static ServiceBlueprint service(SplittableRandom r) {
        return new ServiceBlueprint(
                metadata(r),
                pick(r, Environment.values()),
                scaling(r),
                r.nextInt(4) == 0 ? Resources.unspecified() : resources(r),
                r.nextInt(4) == 0 ? PerformanceTargets.none() : performance(r),
                r.nextInt(5) == 0 ? GovernanceRules.none() : governance(r),
                r.nextInt(3) == 0 ? Verification.disabled() : verification(r));
    }

    private static GlobalBlueprint global(SplittableRandom r) {
        return new GlobalBlueprint(
                metadata(r), pick(r, Environment.values()), r.nextInt(5) == 0 ? GovernanceRules.none() : governance(r));
    }

    private static BlueprintMetadata metadata(SplittableRandom r) {
        String version = switch (r.nextInt(5)) {
            case 0 -> r.nextInt(10) + "." + r.nextInt(20) + "." + r.nextInt(100);
            case 1 -> Integer.toString(r.nextInt(100));
            case 2 -> "1.0";
            case 3 -> "v" + r.nextInt(9) + "-rc+" + r.nextInt(9);
            default -> "2024.11.03";
        };
        return new BlueprintMetadata(
                word(r, "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789-", 30),
                version,
                pick(r, Priority.values()),
                pick(r, Criticality.values()));
    }

    private static Scaling scaling(SplittableRandom r) {
        int min = r.nextInt(20);
        int max = Math.max(1, min + r.nextInt(100));
        double a = percentage(r);
        double b = percentage(r);
        while (b == a) {
            b = percentage(r);
        }
        return new Scaling(
                min,
                max,
                percentage(r),
                r.nextBoolean() ? OptionalDouble.of(percentage(r)) : OptionalDouble.empty(),
                Math.max(a, b),
                Math.min(a, b));
    }

    private static Resources resources(SplittableRandom r) {
        return new Resources(bounds(r, () -> Units.cpu(cpuText(r))), bounds(r, () -> Units.memory(memoryText(r))));
    }

    /** Random present/absent bounds, ordered as the records demand. */
    private static <T extends Comparable<T>> Bounds<T> bounds(
            SplittableRandom r, java.util.function.Supplier<T> value) {
        List<T> chain = new ArrayList<>(List.of(value.get(), value.get(), value.get()));
        Collections.sort(chain);
        List<T> pair = new ArrayList<>(List.of(value.get(), value.get()));
        Collections.sort(pair);
        Function<T, Optional<T>> maybe = v -> r.nextInt(3) == 0 ? Optional.empty() : Optional.of(v);
        return new Bounds<>(
                maybe.apply(chain.get(0)),
                maybe.apply(chain.get(1)),
                maybe.apply(chain.get(2)),
                maybe.apply(pair.get(0)),
                maybe.apply(pair.get(1)));
    }

    private static PerformanceTargets performance(SplittableRandom r) {
        return new PerformanceTargets(
                r.nextBoolean() ? Optional.of(Units.latency(positiveDuration(r))) : Optional.empty(),
                r.nextBoolean() ? Optional.of(Units.latency(positiveDuration(r))) : Optional.empty(),
                r.nextBoolean() ? Optional.of(Units.latency(positiveDuration(r))) : Optional.empty(),
                r.nextBoolean() ? OptionalDouble.of(percentage(r)) : OptionalDouble.empty());
    }

    private static GovernanceRules governance(SplittableRandom r) {
        Set<String> operations = new LinkedHashSet<>();
        int n = r.nextInt(12);
        while (operations.size() < n) {
            operations.add(word(r, "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789_", 24));
        }
        Set<String> allowed = new LinkedHashSet<>();
        Set<String> approval = new LinkedHashSet<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String op : operations) {
            switch (r.nextInt(4)) {
                case 0 -> allowed.add(op);
                case 1 -> approval.add(op);
                case 2 -> {
                    allowed.add(op);
                    approval.add(op); // allowed and under approval: the stricter tier wins, and it loads
                }
                default -> forbidden.add(op);
            }
        }
        List<ApprovalRule> rules = new ArrayList<>();
        for (String op : approval) {
            for (int i = 0, k = 1 + r.nextInt(2); i < k; i++) {
                Set<String> approvers = new LinkedHashSet<>();
                for (int j = 0, m = 1 + r.nextInt(3); j < m; j++) {
                    approvers.add(awkward(r, 1, 40));
                }
                rules.add(new ApprovalRule(op, r.nextBoolean() ? "" : awkward(r, 0, 120), List.copyOf(approvers)));
            }
        }
        return new GovernanceRules(allowed, rules, forbidden);
    }

    private static Verification verification(SplittableRandom r) {
        List<VerificationCheck> checks = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            Quantity target = r.nextBoolean()
                    ? new Quantity.Percentage(percentage(r))
                    : new Quantity.Time(Units.duration(r.nextInt(10) == 0 ? "0ms" : positiveDuration(r)));
            checks.add(new VerificationCheck(
                    word(r, "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789_.:-", 40),
                    pick(r, Comparison.values()),
                    target,
                    r.nextBoolean(),
                    r.nextBoolean()));
        }
        return new Verification(
                r.nextBoolean(),
                Units.duration(positiveDuration(r)),
                checks,
                new Rollback(r.nextBoolean(), r.nextBoolean(), r.nextBoolean()));
    }

    /** A percentage as people write them (0% to 100%, up to six decimals), read by the unit parser. */
    private static double percentage(SplittableRandom r) {
        String text = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(101) + "%";
            case 1 -> r.nextInt(100) + "." + r.nextInt(10) + "%";
            case 2 -> r.nextInt(100) + "." + String.format("%06d", r.nextInt(1_000_000)) + "%";
            default -> "0.0000" + (1 + r.nextInt(99)) + "%";
        };
        return Units.percentage(text);
    }

    private static String positiveDuration(SplittableRandom r) {
        long amount = r.nextInt(3) == 0 ? 1 + r.nextLong(999_999_999L) : 1 + r.nextInt(1000);
        return amount + DURATION_UNITS[r.nextInt(DURATION_UNITS.length)];
    }

    private static String cpuText(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextLong(10_000_000L) + "m";
            case 1 -> Integer.toString(r.nextInt(10_000));
            default -> r.nextInt(10_000) + "." + (1 + r.nextInt(999));
        };
    }

    private static String memoryText(SplittableRandom r) {
        String unit = MEMORY_UNITS[r.nextInt(MEMORY_UNITS.length)];
        long max = Math.min(999_999_999_999_999L, Long.MAX_VALUE / Units.memory("1" + unit));
        return (r.nextBoolean() ? r.nextLong(max) : r.nextInt(4096)) + unit;
    }

    private static String word(SplittableRandom r, String first, String rest, int maxLength) {
        StringBuilder sb = new StringBuilder().append(first.charAt(r.nextInt(first.length())));
        for (int i = 0, n = r.nextInt(maxLength); i < n; i++) {
            sb.append(rest.charAt(r.nextInt(rest.length())));
        }
        return sb.toString();
    }

    private static String awkward(SplittableRandom r, int minLength, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = minLength + r.nextInt(maxLength - minLength + 1);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(40) == 0) {
                sb.appendCodePoint(0x1F600 + r.nextInt(50)); // outside the BMP
            } else {
                sb.append(AWKWARD.charAt(r.nextInt(AWKWARD.length())));
            }
        }
        return sb.toString();
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
