package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.blueprint.BlueprintDiff;
import dev.arf.core.blueprint.BlueprintHistory;
import dev.arf.core.blueprint.BlueprintVersion;
import dev.arf.core.blueprint.InMemoryBlueprintHistory;
import dev.arf.core.blueprint.Tier;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.GateVerdict;
import dev.arf.core.governance.BlueprintCatalog;
import dev.arf.core.governance.GovernanceSettings;
import dev.arf.core.governance.Guardian;
import dev.arf.core.governance.KillSwitch;
import dev.arf.core.policy.HealingAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueprintDirectoryTest {
    /** Generous: the watcher reacts within milliseconds (events) or one poll interval. */
    private static final long TIMEOUT_SECONDS = 20;

    private static final BlueprintLoader LOADER = new BlueprintLoader();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    /** A dev service blueprint; line 14 holds the allowed operations, line 15 the forbidden ones. */
    private static String service(String name, String allowed, String forbidden) {
        return """
                metadata:
                  name: %s
                  version: 1.0.0
                  environment: dev
                spec:
                  scaling:
                    min_replicas: 2
                    max_replicas: 10
                    target_cpu_utilization: 70%%
                    scale_up_threshold: 80%%
                    scale_down_threshold: 40%%
                governance:
                  agent_authority:
                    allowed_operations: [%s]
                    forbidden_operations: [%s]
                verification:
                  stabilization_period: 60s
                  checks:
                    - name: latency_p95
                      target: "< 200ms"
                """.formatted(name, allowed, forbidden);
    }

    private static final String CHECKOUT =
            service("checkout", "restart_pods, scale_within_limits", "delete_deployment");
    private static final String CHECKOUT_NO_RESTART =
            service("checkout", "scale_within_limits", "delete_deployment, restart_pods");
    private static final String PAYMENTS = service("payments", "restart_pods", "delete_deployment");

    @TempDir
    Path dir;

    private final InMemoryBlueprintHistory history = new InMemoryBlueprintHistory();
    private final Events events = new Events();
    private BlueprintDirectory blueprints;

    @AfterEach
    void close() {
        if (blueprints != null) {
            blueprints.close();
        }
    }

    /** The listener's reports, in order, for a test to wait on. */
    private static final class Events implements BlueprintDirectory.Listener {
        final BlockingQueue<BlueprintDirectory.Outcome> queue = new LinkedBlockingQueue<>();

        @Override
        public void reloaded(BlueprintDirectory.Reloaded reload) {
            queue.add(reload);
        }

        @Override
        public void rejected(BlueprintDirectory.Rejected rejection) {
            queue.add(rejection);
        }

        BlueprintDirectory.Outcome next() throws InterruptedException {
            BlueprintDirectory.Outcome o = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(o)
                    .as("a report from the watcher within " + TIMEOUT_SECONDS + " s")
                    .isNotNull();
            return o;
        }

        BlueprintDirectory.Reloaded nextReload() throws InterruptedException {
            BlueprintDirectory.Outcome o = next();
            assertThat(o).isInstanceOf(BlueprintDirectory.Reloaded.class);
            return (BlueprintDirectory.Reloaded) o;
        }

        BlueprintDirectory.Rejected nextRejection() throws InterruptedException {
            BlueprintDirectory.Outcome o = next();
            assertThat(o).isInstanceOf(BlueprintDirectory.Rejected.class);
            return (BlueprintDirectory.Rejected) o;
        }
    }

    /**
     * Writes whole, as careful tools do (a hidden temporary file moved into place), so that the
     * watcher never catches a half-written file: a test waiting for a reload gets the reload.
     */
    private void write(String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Path temp = path.resolveSibling("." + path.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private BlueprintDirectory open() {
        blueprints = BlueprintDirectory.open(dir, LOADER, history, CLOCK);
        return blueprints;
    }

    private static Tier restartTier(BlueprintCatalog catalog) {
        return catalog.blueprint("checkout").orElseThrow().governance().tierOf("restart_pods");
    }

    @Test
    void everyBlueprintIsLoadedAndRecordedAsAVersionAppliedByItsFile() throws IOException {
        write("checkout.yaml", CHECKOUT);
        write("team-b/payments.yml", PAYMENTS);

        BlueprintDirectory d = open();

        assertThat(d.current().services()).containsOnlyKeys("checkout", "payments");
        assertThat(history.names()).containsExactly("checkout", "payments");
        BlueprintVersion checkout = history.latest("checkout").orElseThrow();
        assertThat(checkout.version()).isEqualTo(1);
        assertThat(checkout.yaml()).isEqualTo(CHECKOUT);
        assertThat(checkout.appliedBy()).isEqualTo("file:checkout.yaml");
        assertThat(checkout.appliedAt()).isEqualTo(CLOCK.instant());
        assertThat(history.latest("payments").orElseThrow().appliedBy()).isEqualTo("file:team-b/payments.yml");
        assertThat(d.versions()).containsEntry("checkout", checkout);
    }

    @Test
    void openingTheSameFilesAgainAddsNoVersion() throws IOException {
        write("checkout.yaml", CHECKOUT);
        open().close();

        BlueprintDirectory again = open();

        assertThat(history.versions("checkout")).hasSize(1);
        assertThat(again.version("checkout").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aDirectoryThatDoesNotLoadAtTheStartIsRefused() throws IOException {
        write("checkout.yaml", CHECKOUT.replace("60s", "five minutes"));

        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .contains("verification.stabilization_period"));
        assertThat(history.names()).isEmpty();
    }

    @Test
    void aChangedFileIsReloadedTheCatalogInForceChangesAndTheHistoryHasTwoVersionsWithADiff() throws Exception {
        write("checkout.yaml", CHECKOUT);
        write("payments.yaml", PAYMENTS);
        BlueprintDirectory d = open().watch(events);
        BlueprintCatalog before = d.current();
        assertThat(restartTier(before)).isEqualTo(Tier.AUTONOMOUS);

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        BlueprintDirectory.Reloaded reload = events.nextReload();

        assertThat(reload.changed()).containsExactly("checkout");
        assertThat(reload.removed()).isEmpty();
        assertThat(reload.versions()).extracting(BlueprintVersion::version).containsExactly(2);
        assertThat(d.current()).isSameAs(reload.catalog());
        assertThat(restartTier(d.current())).isEqualTo(Tier.FORBIDDEN);
        assertThat(d.current().blueprint("payments")).isEqualTo(before.blueprint("payments"));
        List<BlueprintVersion> versions = history.versions("checkout");
        assertThat(versions).extracting(BlueprintVersion::version).containsExactly(2, 1);
        assertThat(versions.getFirst().note()).isEqualTo("hot reload");
        assertThat(BlueprintDiff.unified(versions.get(1), versions.get(0)))
                .contains(
                        "@@ -11,8 +11,8 @@",
                        "-    allowed_operations: [restart_pods, scale_within_limits]\n"
                                + "-    forbidden_operations: [delete_deployment]\n"
                                + "+    allowed_operations: [scale_within_limits]\n"
                                + "+    forbidden_operations: [delete_deployment, restart_pods]\n");
        assertThat(history.versions("payments")).hasSize(1);
    }

    private static Action restart(String key) {
        return new Action(
                key,
                HealingAction.RESTART_CONTAINER,
                "checkout",
                Map.of(),
                "policy:test",
                "test",
                CLOCK.instant(),
                Action.CERTAIN);
    }

    @Test
    void theGuardianDecidesUnderTheReloadedBlueprint() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);
        Guardian guardian = Guardian.builder(CLOCK, d)
                .settings(GovernanceSettings.defaults())
                .killSwitch(KillSwitch.NEVER)
                .build();
        assertThat(guardian.check(restart("k1"))).isInstanceOf(GateVerdict.Allow.class);

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        events.nextReload();

        assertThat(guardian.check(restart("k2")))
                .isInstanceOfSatisfying(
                        GateVerdict.Deny.class,
                        deny -> assertThat(deny.reasonCode()).isEqualTo("ACTION_FORBIDDEN"));
    }

    @Test
    void anInvalidEditKeepsThePreviousCatalogAndReportsFileLineAndColumn() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);
        BlueprintCatalog before = d.current();

        write("checkout.yaml", CHECKOUT.replace("target_cpu_utilization: 70%", "target_cpu_utilization: 70"));
        BlueprintDirectory.Rejected rejected = events.nextRejection();

        assertThat(rejected.problems())
                .map(ConfigProblem::toString)
                .containsExactly(dir.resolve("checkout.yaml")
                        + ":9:29: spec.scaling.target_cpu_utilization: '70' is not a percentage; write e.g. 70% or"
                        + " 99.9% (0% to 100%)");
        assertThat(d.current()).isSameAs(before);
        assertThat(history.versions("checkout")).hasSize(1);
        assertThat(d.version("checkout").orElseThrow().version()).isEqualTo(1);

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        BlueprintDirectory.Reloaded fixed = events.nextReload();
        assertThat(fixed.changed()).containsExactly("checkout");
        assertThat(restartTier(d.current())).isEqualTo(Tier.FORBIDDEN);
        assertThat(history.versions("checkout")).hasSize(2);
    }

    @Test
    void brokenYamlIsRejectedWithItsPosition() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);
        BlueprintCatalog before = d.current();

        write("checkout.yaml", CHECKOUT.replace("  name: checkout\n", "  name: [checkout\n"));
        BlueprintDirectory.Rejected rejected = events.nextRejection();

        assertThat(rejected.problems()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(dir.resolve("checkout.yaml").toString());
            assertThat(p.line()).isGreaterThan(1);
        });
        assertThat(d.current()).isSameAs(before);
    }

    @Test
    void aDeletedFileRemovesItsServiceAndTheHistoryRecordsTheRemoval() throws Exception {
        write("checkout.yaml", CHECKOUT);
        write("payments.yaml", PAYMENTS);
        BlueprintDirectory d = open().watch(events);

        Files.delete(dir.resolve("payments.yaml"));
        BlueprintDirectory.Reloaded reload = events.nextReload();

        assertThat(reload.changed()).isEmpty();
        assertThat(reload.removed()).containsExactly("payments");
        assertThat(d.current().services()).containsOnlyKeys("checkout");
        assertThat(d.version("payments")).isEmpty();
        List<BlueprintVersion> payments = history.versions("payments");
        assertThat(payments).extracting(BlueprintVersion::version).containsExactly(2, 1);
        assertThat(payments.getFirst().removed()).isTrue();
        assertThat(payments.getFirst().note()).isEqualTo("file removed");
        assertThat(payments.getFirst().appliedBy()).isEqualTo("file:payments.yaml");
        assertThat(reload.versions()).containsExactly(payments.getFirst());

        write("payments.yaml", PAYMENTS);
        BlueprintDirectory.Reloaded back = events.nextReload();
        assertThat(back.changed()).containsExactly("payments");
        assertThat(history.latest("payments").orElseThrow().version()).isEqualTo(3);
        assertThat(d.current().services()).containsOnlyKeys("checkout", "payments");
    }

    @Test
    void pollingAloneSeesChangesOnFileSystemsWithoutEvents() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events, Duration.ofMillis(20), false);

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        events.nextReload();
        assertThat(restartTier(d.current())).isEqualTo(Tier.FORBIDDEN);

        write("new/payments.yaml", PAYMENTS);
        assertThat(events.nextReload().changed()).containsExactly("payments");
    }

    @Test
    void anEditInPlaceIsReloadedEvenIfAHalfWrittenFileWasSeenFirst() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);

        Files.writeString(dir.resolve("checkout.yaml"), CHECKOUT_NO_RESTART); // truncates, then writes

        BlueprintDirectory.Outcome o;
        do {
            o = events.next(); // a rejection of the empty file, if the watcher looked in between
        } while (o instanceof BlueprintDirectory.Rejected);
        assertThat(o).isInstanceOf(BlueprintDirectory.Reloaded.class);
        assertThat(restartTier(d.current())).isEqualTo(Tier.FORBIDDEN);
        assertThat(history.latest("checkout").orElseThrow().yaml()).isEqualTo(CHECKOUT_NO_RESTART);
    }

    @Test
    void aFileInANewSubdirectoryIsSeenByTheWatcher() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);

        write("team-b/payments/blueprint.yaml", PAYMENTS);

        assertThat(events.nextReload().changed()).containsExactly("payments");
        assertThat(d.current().services()).containsOnlyKeys("checkout", "payments");
    }

    @Test
    void aSameSizeEditThatKeepsTheTimestampIsStillSeen() throws IOException {
        // as on a file system whose time stamps are too coarse to tell two writes in one tick apart
        String a = CHECKOUT;
        String b = CHECKOUT.replace("restart_pods, scale", "restart_podz, scale");
        assertThat(b).hasSameSizeAs(a);
        write("checkout.yaml", a);
        FileTime stamp = Files.getLastModifiedTime(dir.resolve("checkout.yaml"));
        blueprints = BlueprintDirectory.open(dir, LOADER, history, CLOCK, Duration.ofDays(1));

        Files.writeString(dir.resolve("checkout.yaml"), b); // in place: the same file, the same size
        Files.setLastModifiedTime(dir.resolve("checkout.yaml"), stamp);

        assertThat(blueprints.reload()).isInstanceOf(BlueprintDirectory.Reloaded.class);
        assertThat(history.latest("checkout").orElseThrow().yaml()).isEqualTo(b);
    }

    @Test
    void touchingAFileOrRenamingItReloadsNothing() throws IOException {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open();
        BlueprintCatalog before = d.current();

        Files.setLastModifiedTime(dir.resolve("checkout.yaml"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(d.reload()).isInstanceOf(BlueprintDirectory.Unchanged.class);
        Files.move(dir.resolve("checkout.yaml"), dir.resolve("checkout-renamed.yaml"));
        assertThat(d.reload()).isInstanceOf(BlueprintDirectory.Unchanged.class);

        assertThat(d.current()).isSameAs(before);
        assertThat(history.versions("checkout")).hasSize(1);
    }

    @Test
    void theSameBrokenContentIsReportedOnce() throws IOException {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open();

        write("checkout.yaml", "metadata: [");
        assertThat(d.reload()).isInstanceOf(BlueprintDirectory.Rejected.class);
        assertThat(d.reload()).isInstanceOf(BlueprintDirectory.Unchanged.class);
    }

    @Test
    void twoFilesForOneNameAreRejectedAndTheCatalogStays() throws IOException {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open();
        BlueprintCatalog before = d.current();

        write("checkout-prod.yaml", CHECKOUT.replace("environment: dev", "environment: prod"));

        assertThat(d.reload())
                .isInstanceOfSatisfying(
                        BlueprintDirectory.Rejected.class,
                        r -> assertThat(r.problems())
                                .map(ConfigProblem::toString)
                                .singleElement()
                                .asString()
                                .contains(
                                        "checkout.yaml", "the name 'checkout' is also used by", "checkout-prod.yaml"));
        assertThat(d.current()).isSameAs(before);
    }

    @Test
    void hiddenFilesAndDirectoriesAreNotRead() throws IOException {
        write("checkout.yaml", CHECKOUT);
        write(".checkout.yaml", "not: [a blueprint");
        write("..2026_03_01/payments.yaml", PAYMENTS);

        assertThat(open().current().services()).containsOnlyKeys("checkout");
    }

    @Test
    void whenTheHistoryCannotBeWrittenNothingNewIsInForceAndTheNextCheckTriesAgain() throws IOException {
        write("checkout.yaml", CHECKOUT);
        AtomicInteger failures = new AtomicInteger(1);
        BlueprintHistory flaky = new BlueprintHistory() {
            @Override
            public BlueprintVersion record(String name, String yaml, String appliedBy, String note, Instant at) {
                if (yaml.equals(CHECKOUT_NO_RESTART) && failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                }
                return history.record(name, yaml, appliedBy, note, at);
            }

            @Override
            public List<BlueprintVersion> versions(String name) {
                return history.versions(name);
            }

            @Override
            public Optional<BlueprintVersion> version(String name, int n) {
                return history.version(name, n);
            }

            @Override
            public Optional<BlueprintVersion> latest(String name) {
                return history.latest(name);
            }

            @Override
            public List<String> names() {
                return history.names();
            }
        };
        blueprints = BlueprintDirectory.open(dir, LOADER, flaky, CLOCK);
        BlueprintCatalog before = blueprints.current();

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        assertThat(blueprints.reload())
                .isInstanceOfSatisfying(
                        BlueprintDirectory.Rejected.class,
                        r -> assertThat(r.problems().getFirst().message())
                                .contains("not put in force", "database down"));
        assertThat(blueprints.current()).isSameAs(before);

        assertThat(blueprints.reload()).isInstanceOf(BlueprintDirectory.Reloaded.class);
        assertThat(restartTier(blueprints.current())).isEqualTo(Tier.FORBIDDEN);
        assertThat(history.versions("checkout")).hasSize(2);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheWatcher() throws Exception {
        write("checkout.yaml", CHECKOUT);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        BlueprintDirectory d = open().watch(new BlueprintDirectory.Listener() {
            @Override
            public void reloaded(BlueprintDirectory.Reloaded reload) {
                seen.add(String.join(",", reload.changed()));
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void rejected(BlueprintDirectory.Rejected rejection) {}
        });

        write("checkout.yaml", CHECKOUT_NO_RESTART);
        assertThat(seen.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("checkout");
        write("payments.yaml", PAYMENTS);
        assertThat(seen.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("payments");
        assertThat(d.watching()).isTrue();
    }

    @Test
    void closingStopsTheWatcher() throws IOException {
        write("checkout.yaml", CHECKOUT);
        BlueprintDirectory d = open().watch(events);
        assertThat(d.watching()).isTrue();

        d.close();

        assertThat(d.watching()).isFalse();
        assertThatThrownBy(d::reload).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.watch(events)).isInstanceOf(IllegalStateException.class);
        d.close();
    }
}
