package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.blueprint.Environment;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.SafetyLimits;
import dev.arf.core.policy.HealingAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernanceLoaderTest {
    private static final GovernanceLoader LOADER = new GovernanceLoader();

    /** Every key written once; tests replace one line of it to make it wrong. Line numbers matter. */
    static final String FULL = """
            kind: Governance
            defaults:
              eligible:
                prod: [noop, alert, restart]
                stage: [noop, alert, restart, scale_up, scale_down]
                dev: [noop, alert, restart, scale_up, scale_down, rollback, traffic_shift, circuit_breaker]
              cooldowns:
                restart_container: 90s
                scale_out: 2m
                scale_in: 120s
                rollback: 5m
                traffic_shift: 30s
              repetition:
                limit: 4
                window: 10m
              budgets:
                per_service_per_hour: 12
                global_per_hour: 60
              safety:
                min_confidence: 0.6
                breaker_failures: 5
                breaker_open_for: 20m
                ineffective_limit: 2
                ineffective_block: 12h
                max_targets_per_action: 3
                lock_lease: 30m
              dry_run: true
            services:
              payments:
                cooldowns:
                  restart_container: 300s
                safety:
                  min_confidence: 0.8
              checkout:
                eligible:
                  prod: [noop, alert, scale_up]
                repetition:
                  limit: 1
                budgets:
                  per_service_per_hour: 4
            """;

    private static List<String> problems(String yaml) {
        try {
            LOADER.load(yaml, "gov.yaml");
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the document to be refused:\n" + yaml);
    }

    private static String replace(String line, String with) {
        assertThat(FULL).contains(line);
        return FULL.replace(line, with);
    }

    @Test
    void anEmptyFileIsTheBuiltInDefaults() {
        for (String empty : List.of("", "# nothing set yet\n", "kind: Governance\n", "{}\n", "defaults: {}\n")) {
            GovernanceConfig config = LOADER.load(empty, "gov.yaml");
            assertThat(config.defaults()).as(empty).isEqualTo(GovernanceSettings.defaults());
            assertThat(config.services()).isEmpty();
            assertThat(config).isEqualTo(GovernanceConfig.builtIn());
        }
    }

    @Test
    void everyWrittenKeyReplacesItsDefault() {
        GovernanceSettings d = LOADER.load(FULL, "gov.yaml").defaults();
        assertThat(d.eligible().get(Environment.PROD)).containsExactlyInAnyOrder("noop", "alert", "restart");
        assertThat(d.cooldowns())
                .containsEntry(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(90))
                .containsEntry(HealingAction.SCALE_OUT, Duration.ofMinutes(2))
                .containsEntry(HealingAction.ROLLBACK, Duration.ofMinutes(5))
                .containsEntry(HealingAction.TRAFFIC_SHIFT, Duration.ofSeconds(30));
        assertThat(d.repetitionLimit()).isEqualTo(4);
        assertThat(d.repetitionWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.perServicePerHour()).isEqualTo(12);
        assertThat(d.globalPerHour()).isEqualTo(60);
        assertThat(d.dryRun()).isTrue();
        assertThat(d.safety())
                .isEqualTo(new SafetyLimits(
                        0.6, 5, Duration.ofMinutes(20), 2, Duration.ofHours(12), 3, Duration.ofMinutes(30)));
    }

    @Test
    void unwrittenKeysKeepTheBuiltInDefaultsKeyByKey() {
        GovernanceSettings d = LOADER.load("""
                        defaults:
                          cooldowns: {restart_container: 30s}
                          eligible: {prod: [noop]}
                          safety: {min_confidence: 0.7}
                        """, "gov.yaml").defaults();
        GovernanceSettings builtIn = GovernanceSettings.defaults();
        assertThat(d.cooldowns())
                .containsEntry(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(30))
                .containsEntry(HealingAction.SCALE_OUT, builtIn.cooldowns().get(HealingAction.SCALE_OUT))
                .containsEntry(HealingAction.ROLLBACK, builtIn.cooldowns().get(HealingAction.ROLLBACK));
        assertThat(d.eligible().get(Environment.PROD)).containsExactly("noop");
        assertThat(d.eligible().get(Environment.STAGE))
                .isEqualTo(builtIn.eligible().get(Environment.STAGE));
        assertThat(d.safety().minConfidence()).isEqualTo(0.7);
        assertThat(d.safety().breakerFailures()).isEqualTo(builtIn.safety().breakerFailures());
        assertThat(d.repetitionLimit()).isEqualTo(builtIn.repetitionLimit());
    }

    @Test
    void aServiceOverrideMergesFieldByFieldOverTheFilesDefaults() {
        GovernanceConfig config = LOADER.load(FULL, "gov.yaml");
        GovernanceSettings defaults = config.defaults();
        GovernanceSettings payments = config.settingsFor("payments");

        assertThat(payments.cooldowns())
                .containsEntry(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(300))
                .containsEntry(HealingAction.SCALE_OUT, Duration.ofMinutes(2))
                .containsEntry(HealingAction.TRAFFIC_SHIFT, Duration.ofSeconds(30));
        assertThat(payments.safety().minConfidence()).isEqualTo(0.8);
        assertThat(payments.safety().breakerFailures()).isEqualTo(5);
        assertThat(payments.safety().lockLease()).isEqualTo(Duration.ofMinutes(30));
        assertThat(payments.eligible()).isEqualTo(defaults.eligible());
        assertThat(payments.repetitionLimit()).isEqualTo(4);
        assertThat(payments.perServicePerHour()).isEqualTo(12);
        assertThat(payments.globalPerHour()).isEqualTo(60);
        assertThat(payments.dryRun()).isTrue();

        GovernanceSettings checkout = config.settingsFor("checkout");
        assertThat(checkout.eligible().get(Environment.PROD)).containsExactlyInAnyOrder("noop", "alert", "scale_up");
        assertThat(checkout.eligible().get(Environment.STAGE))
                .isEqualTo(defaults.eligible().get(Environment.STAGE));
        assertThat(checkout.repetitionLimit()).isEqualTo(1);
        assertThat(checkout.repetitionWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(checkout.perServicePerHour()).isEqualTo(4);
        assertThat(checkout.cooldowns()).isEqualTo(defaults.cooldowns());

        assertThat(config.settingsFor("cache")).isSameAs(defaults);
        assertThat(config.services()).containsOnlyKeys("payments", "checkout");
    }

    @Test
    void aServiceInheritsTheBuiltInDefaultsWhenTheFileHasNone() {
        GovernanceConfig config =
                LOADER.load("services:\n  payments:\n    cooldowns: {restart_container: 300s}\n", "gov.yaml");
        assertThat(config.defaults()).isEqualTo(GovernanceSettings.defaults());
        assertThat(config.settingsFor("payments").cooldowns())
                .containsEntry(HealingAction.RESTART_CONTAINER, Duration.ofSeconds(300))
                .containsEntry(HealingAction.SCALE_IN, Duration.ofSeconds(120));
    }

    @Test
    void aWholeNumberWrittenWithADecimalPointIsThatNumberNeverIgnored() {
        GovernanceConfig config = LOADER.load(
                "defaults:\n  repetition: {limit: 4.0}\n  safety: {min_confidence: 1, max_targets_per_action: 2.0}\n",
                "gov.yaml");
        assertThat(config.defaults().repetitionLimit()).isEqualTo(4);
        assertThat(config.defaults().safety().maxTargetsPerAction()).isEqualTo(2);
        assertThat(config.defaults().safety().minConfidence()).isEqualTo(1.0);
        assertThat(problems("defaults:\n  repetition: {limit: 4.5}\n"))
                .containsExactly("gov.yaml:2:23: defaults.repetition.limit: expected a whole number, got number 4.5");
    }

    @Test
    void aZeroCooldownMeansNone() {
        GovernanceSettings d = LOADER.load("defaults:\n  cooldowns: {rollback: 0s}\n", "gov.yaml")
                .defaults();
        assertThat(d.cooldowns()).containsEntry(HealingAction.ROLLBACK, Duration.ZERO);
    }

    @Test
    void aDurationWithoutItsUnitIsRefusedAtItsValueWithTheFormExpected() {
        assertThat(problems(replace("    restart_container: 90s", "    restart_container: 90")))
                .containsExactly("gov.yaml:8:24: defaults.cooldowns.restart_container: '90' is not a duration;"
                        + " write e.g. 200ms, 60s, 5m or 1h (a whole number and ms, s, m or h)");
        assertThat(problems(replace("    window: 10m", "    window: 10 minutes")))
                .containsExactly("gov.yaml:15:13: defaults.repetition.window: '10 minutes' is not a duration;"
                        + " write e.g. 200ms, 60s, 5m or 1h (a whole number and ms, s, m or h)");
        assertThat(problems(replace("    lock_lease: 30m", "    lock_lease: 1.5h")))
                .singleElement()
                .asString()
                .startsWith("gov.yaml:26:17: defaults.safety.lock_lease: '1.5h' is not a duration");
    }

    @Test
    void negativeValuesAreRefused() {
        assertThat(problems(replace("    restart_container: 90s", "    restart_container: -90s")))
                .singleElement()
                .asString()
                .startsWith("gov.yaml:8:24: defaults.cooldowns.restart_container: '-90s' is not a duration");
        assertThat(problems(replace("    limit: 4", "    limit: -4")))
                .containsExactly("gov.yaml:14:12: defaults.repetition.limit: must have a minimum value of 1");
        assertThat(problems(replace("    breaker_failures: 5", "    breaker_failures: 0")))
                .containsExactly("gov.yaml:21:23: defaults.safety.breaker_failures: must have a minimum value of 1");
        assertThat(problems(replace("    min_confidence: 0.6", "    min_confidence: -0.1")))
                .containsExactly("gov.yaml:20:21: defaults.safety.min_confidence: must have a minimum value of 0");
        assertThat(problems(replace("    min_confidence: 0.6", "    min_confidence: 1.5")))
                .containsExactly("gov.yaml:20:21: defaults.safety.min_confidence: must have a maximum value of 1");
    }

    @Test
    void durationsThatMustPassAreRefusedAtZero() {
        assertThat(problems(replace("    breaker_open_for: 20m", "    breaker_open_for: 0s")))
                .containsExactly("gov.yaml:22:23: defaults.safety.breaker_open_for: breaker_open_for must be more"
                        + " than zero, e.g. 10m");
        assertThat(problems(replace("    window: 10m", "    window: 0ms")))
                .containsExactly(
                        "gov.yaml:15:13: defaults.repetition.window: window must be more than zero, e.g. 300s");
    }

    @Test
    void anUnknownActionKindIsRefusedWithTheKindsThereAre() {
        assertThat(problems(replace("    prod: [noop, alert, restart]", "    prod: [noop, alert, reboot]")))
                .containsExactly("gov.yaml:4:25: defaults.eligible.prod[2]: 'reboot' is not one of noop, alert,"
                        + " restart, scale_up, scale_down, rollback, traffic_shift, circuit_breaker, adjust_resources");
        assertThat(problems(replace("    traffic_shift: 30s", "    restart: 30s")))
                .singleElement()
                .asString()
                .startsWith("gov.yaml:12:5: defaults.cooldowns.restart: unknown key 'restart'; allowed:"
                        + " restart_container, scale_out, scale_in");
    }

    @Test
    void anUnknownEnvironmentIsRefusedAtItsKey() {
        assertThat(problems(replace("    stage: [noop", "    qa: [noop")))
                .containsExactly("gov.yaml:5:5: defaults.eligible.qa: unknown key 'qa'; allowed: dev, stage, prod");
    }

    @Test
    void unknownKeysAreRefusedEverywhere() {
        assertThat(problems(replace("  dry_run: true", "  dry_rn: true")))
                .singleElement()
                .asString()
                .startsWith("gov.yaml:27:3: defaults.dry_rn: unknown key 'dry_rn'; allowed: eligible, cooldowns,");
        assertThat(problems("kind: Governance\ncolour: blue\n"))
                .containsExactly("gov.yaml:2:1: colour: unknown key 'colour'; allowed: kind, defaults, services");
        assertThat(problems("kind: Blueprint\n"))
                .containsExactly("gov.yaml:1:7: kind: 'Blueprint' is not one of Governance");
    }

    @Test
    void fleetWideKeysUnderAServiceSayWhereTheyBelong() {
        assertThat(problems(replace("      per_service_per_hour: 4", "      global_per_hour: 4")))
                .containsExactly("gov.yaml:40:7: services.checkout.budgets.global_per_hour: global_per_hour applies"
                        + " to the whole fleet, not to one service; set it under defaults.budgets.global_per_hour");
        assertThat(problems(replace("      min_confidence: 0.8", "      min_confidence: 0.8\n    dry_run: true")))
                .containsExactly("gov.yaml:34:5: services.payments.dry_run: dry_run applies to the whole fleet, not"
                        + " to one service; set it under defaults.dry_run");
    }

    @Test
    void aServiceNameIsWrittenAsInItsBlueprint() {
        assertThat(problems(replace("  payments:", "  Payments:")))
                .containsExactly("gov.yaml:29:3: services.Payments: 'Payments' is not a service name; write it as in"
                        + " the service's blueprint (lower-case letters, digits and '-', starting with a letter, at"
                        + " most 63 characters)");
    }

    @Test
    void everyProblemComesOutAtOnceInFileOrder() {
        String yaml = FULL.replace("restart_container: 90s", "restart_container: 90")
                .replace("limit: 4", "limit: 0")
                .replace("prod: [noop, alert, restart]", "prod: [noop, alert, reboot]")
                .replace("  payments:", "  payments:\n    colour: blue");
        assertThat(problems(yaml))
                .extracting(p -> p.substring(0, p.indexOf(": ")))
                .containsExactly("gov.yaml:4:25", "gov.yaml:8:24", "gov.yaml:14:12", "gov.yaml:30:5");
    }

    @Test
    void unsafeYamlIsRefusedAsForEveryConfigurationFile() {
        assertThat(problems("defaults: &d {dry_run: true}\nservices:\n  payments: *d\n"))
                .anySatisfy(p -> assertThat(p).contains("anchors and aliases"));
        assertThat(problems("defaults:\n  dry_run: true\n  dry_run: false\n"))
                .anySatisfy(p -> assertThat(p).contains("duplicate key"));
        assertThat(problems("- a list\n")).anySatisfy(p -> assertThat(p).contains("expected a mapping"));
        assertThat(problems("defaults:\n  budgets: {per_service_per_hour: 1e99}\n"))
                .anySatisfy(p -> assertThat(p).contains("number out of range"));
    }

    @Test
    void aFileIsNamedAsGivenInItsProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("governance.yaml");
        Files.writeString(file, "defaults:\n  dry_run: maybe\n");
        assertThatThrownBy(() -> LOADER.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2:12: defaults.dry_run: expected true or false, got text 'maybe'");
        assertThatThrownBy(() -> LOADER.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the file");
    }

    @Test
    void theExampleFileLoadsAndSaysWhatTheBuiltInDefaultsAre() {
        GovernanceConfig example = LOADER.load(Path.of("..", "examples", "governance.yaml"));
        GovernanceSettings builtIn = GovernanceSettings.defaults();
        assertThat(example.defaults().eligible()).isEqualTo(builtIn.eligible());
        assertThat(example.defaults().cooldowns()).isEqualTo(builtIn.cooldowns());
        assertThat(example.defaults()).isEqualTo(builtIn);
        assertThat(example.services()).isNotEmpty();
        assertThat(example.settingsFor("payments").safety().minConfidence()).isEqualTo(0.8);
    }

    @Test
    void theConfigurationConfiguresAGuardian() {
        GovernanceConfig config = LOADER.load(FULL, "gov.yaml");
        assertThat(config.dryRunIf(false)).isSameAs(config);
        GovernanceConfig notDry = LOADER.load("services:\n  payments: {}\n", "gov.yaml");
        GovernanceConfig dry = notDry.dryRunIf(true);
        assertThat(dry.defaults().dryRun()).isTrue();
        assertThat(dry.settingsFor("payments").dryRun()).isTrue();
        assertThat(Set.copyOf(dry.services().keySet())).containsExactly("payments");
        assertThat(config.configure(dev.arf.core.governance.Guardian.builder(
                                java.time.Clock.systemUTC(), dev.arf.core.governance.BlueprintCatalog::empty))
                        .build())
                .isNotNull();
    }
}
