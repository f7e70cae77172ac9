package dev.arf.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arf.core.detect.Detection;
import dev.arf.core.detect.DetectorSnapshot;
import dev.arf.core.detect.DetectorSnapshot.BaselineStats;
import dev.arf.core.detect.Forecast;
import dev.arf.core.detect.RuleState;
import dev.arf.core.detect.RuleStatus;
import dev.arf.core.detect.Severity;
import dev.arf.core.detect.Signal;
import dev.arf.core.detect.SignalKind;
import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.incident.Incident;
import dev.arf.core.incident.IncidentState;
import dev.arf.core.incident.TimelineEntry;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.store.ReliabilityStore;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReliabilityStore} must do, as a test kit: extend it, implement {@link
 * #newStore()} (and {@link #reopen} for durable stores), and the adapter is checked against the same
 * contract as the in-memory fake.
 *
 * <p>The contract: every record comes back equal to what was written, with every field; lists are
 * newest first (events, anomalies and decisions by their own timestamp, ties broken by the later
 * write first; incidents by {@code detectedAt}, missing ones last, ties by id descending) and hold at
 * most {@code limit} items, a negative limit being refused; decisions are listed under the service
 * their action targets; reads see every earlier append, flushed or not; saving an incident or a
 * snapshot again replaces it; concurrent writers lose nothing; a closed store refuses work with
 * {@link IllegalStateException}, and closing twice is harmless. Durable stores also keep everything,
 * buffered telemetry included, across close and reopen.
 *
 * <p>Instants are compared exactly, so test data uses microsecond precision: what PostgreSQL keeps.
 */
public abstract class ReliabilityStoreContract {

    /** A base instant with microseconds, as PostgreSQL keeps them. */
    protected static final Instant T0 = Instant.parse("2025-06-01T10:15:30.123456Z");

    private final List<ReliabilityStore> opened = new ArrayList<>();

    /** A new, empty store. The kit closes it after each test. */
    protected abstract ReliabilityStore newStore();

    /** True when {@link #reopen} is implemented: the store keeps its data across close and reopen. */
    protected boolean isDurable() {
        return false;
    }

    /**
     * Opens again the storage behind {@code closed}, which the kit has just closed. Only called when
     * {@link #isDurable()}.
     */
    protected ReliabilityStore reopen(ReliabilityStore closed) {
        throw new UnsupportedOperationException("not a durable store");
    }

    @AfterEach
    final void closeOpenedStores() {
        opened.forEach(ReliabilityStore::close);
        opened.clear();
    }

    private ReliabilityStore store() {
        ReliabilityStore store = newStore();
        opened.add(store);
        return store;
    }

    private ReliabilityStore closeAndReopen(ReliabilityStore store) {
        store.close();
        ReliabilityStore reopened = reopen(store);
        opened.add(reopened);
        return reopened;
    }

    // ---------------------------------------------------------------- telemetry

    @Test
    void telemetryEventComesBackWithEveryField() {
        ReliabilityStore store = store();
        TelemetryEvent event = fullEvent("checkout", T0);

        store.append(event);

        assertThat(store.recentEvents("checkout", 10)).containsExactly(event);
    }

    @Test
    void metricsThatWereNotReportedStayNotReported() {
        ReliabilityStore store = store();
        TelemetryEvent sparse =
                TelemetryEvent.builder("checkout", T0).latencyP99(812.5).build();

        store.append(sparse);

        TelemetryEvent back = store.recentEvents("checkout", 1).getFirst();
        assertThat(back).isEqualTo(sparse);
        assertThat(back.errorRate()).isNaN();
        assertThat(back.custom()).isEmpty();
        assertThat(back.labels()).isEmpty();
    }

    @Test
    void recentEventsAreNewestFirstAndLimited() {
        ReliabilityStore store = store();
        for (int second : new int[] {3, 1, 4, 0, 2}) {
            store.append(event("checkout", T0.plusSeconds(second), second));
        }

        assertThat(store.recentEvents("checkout", 3))
                .extracting(TelemetryEvent::timestamp)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2));
        assertThat(store.recentEvents("checkout", 100)).hasSize(5);
        assertThat(store.recentEvents("checkout", 0)).isEmpty();
    }

    @Test
    void eventsAtTheSameInstantComeBackLatestWrittenFirst() {
        ReliabilityStore store = store();
        store.append(event("checkout", T0, 1));
        store.append(event("checkout", T0, 2));
        store.append(event("checkout", T0, 3));

        assertThat(store.recentEvents("checkout", 10))
                .extracting(TelemetryEvent::latencyP99)
                .containsExactly(3.0, 2.0, 1.0);
    }

    @Test
    void eventsAreListedOnlyUnderTheirOwnService() {
        ReliabilityStore store = store();
        store.append(event("checkout", T0, 1));
        store.append(event("payments", T0, 2));

        assertThat(store.recentEvents("checkout", 10))
                .extracting(TelemetryEvent::service)
                .containsOnly("checkout");
        assertThat(store.recentEvents("payments", 10)).hasSize(1);
        assertThat(store.recentEvents("unknown", 10)).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        ReliabilityStore store = store();

        assertThatThrownBy(() -> store.recentEvents("checkout", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.anomalies("checkout", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.incidents(false, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.decisions("checkout", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendsAreReadableBeforeAnyFlush() {
        ReliabilityStore store = store();
        for (int i = 0; i < 7; i++) {
            store.append(event("checkout", T0.plusMillis(i), i));
        }

        assertThat(store.recentEvents("checkout", 10)).hasSize(7);
        store.flush();
        store.flush();
        assertThat(store.recentEvents("checkout", 10)).hasSize(7);
    }

    // ---------------------------------------------------------------- anomalies

    @Test
    void anomalyComesBackWithSignalsForecastsAndRules() {
        ReliabilityStore store = store();
        Detection anomaly = anomaly("checkout", T0, 0.93);

        store.saveAnomaly(anomaly);

        assertThat(store.anomalies("checkout", 10)).containsExactly(anomaly);
    }

    @Test
    void aQuietDetectionWithoutReasonsComesBackAsWritten() {
        ReliabilityStore store = store();
        Detection quiet = new Detection(
                "checkout", T0, 0.01, 0.0, false, null, Severity.LOW, List.of(), List.of(), List.of(), true);

        store.saveAnomaly(quiet);

        assertThat(store.anomalies("checkout", 10)).containsExactly(quiet);
    }

    @Test
    void anomaliesAreNewestFirstPerServiceAndLimited() {
        ReliabilityStore store = store();
        store.saveAnomaly(anomaly("checkout", T0.plusSeconds(10), 0.5));
        store.saveAnomaly(anomaly("checkout", T0.plusSeconds(30), 0.7));
        store.saveAnomaly(anomaly("checkout", T0.plusSeconds(20), 0.6));
        store.saveAnomaly(anomaly("payments", T0.plusSeconds(40), 0.9));

        assertThat(store.anomalies("checkout", 2)).extracting(Detection::score).containsExactly(0.7, 0.6);
        assertThat(store.anomalies("payments", 10)).hasSize(1);
        assertThat(store.anomalies("unknown", 10)).isEmpty();
    }

    // ---------------------------------------------------------------- incidents

    @Test
    void incidentComesBackWithALongTimeline() {
        ReliabilityStore store = store();
        Incident incident = incident("INC-1", "checkout", IncidentState.MITIGATING, T0, 60);

        store.saveIncident(incident);

        assertThat(store.incident("INC-1")).contains(incident);
        assertThat(store.incident("INC-1").orElseThrow().timeline()).hasSize(60);
    }

    @Test
    void aResolvedIncidentKeepsItsResolutionTime() {
        ReliabilityStore store = store();
        Incident resolved = resolved(incident("INC-1", "checkout", IncidentState.OPEN, T0, 3), T0.plusSeconds(600));

        store.saveIncident(resolved);

        assertThat(store.incident("INC-1")).contains(resolved);
        assertThat(store.incident("INC-1").orElseThrow().timeToResolve()).contains(Duration.ofSeconds(660));
    }

    @Test
    void savingAnIncidentAgainReplacesIt() {
        ReliabilityStore store = store();
        store.saveIncident(incident("INC-1", "checkout", IncidentState.OPEN, T0, 2));
        Incident grown = incident("INC-1", "checkout", IncidentState.MITIGATING, T0, 9);

        store.saveIncident(grown);

        assertThat(store.incident("INC-1")).contains(grown);
        assertThat(store.incidents(false, 10)).containsExactly(grown);
    }

    @Test
    void openOnlyLeavesResolvedIncidentsOut() {
        ReliabilityStore store = store();
        store.saveIncident(incident("INC-1", "checkout", IncidentState.OPEN, T0, 1));
        store.saveIncident(resolved(incident("INC-2", "payments", IncidentState.OPEN, T0.plusSeconds(5), 1), T0));
        store.saveIncident(incident("INC-3", "search", IncidentState.ACKNOWLEDGED, T0.plusSeconds(9), 1));

        assertThat(store.incidents(true, 10)).extracting(Incident::id).containsExactly("INC-3", "INC-1");
        assertThat(store.incidents(false, 10)).extracting(Incident::id).containsExactly("INC-3", "INC-2", "INC-1");
    }

    @Test
    void resolvingAnIncidentTakesItOffTheOpenList() {
        ReliabilityStore store = store();
        Incident open = incident("INC-1", "checkout", IncidentState.OPEN, T0, 1);
        store.saveIncident(open);

        store.saveIncident(resolved(open, T0.plusSeconds(120)));

        assertThat(store.incidents(true, 10)).isEmpty();
        assertThat(store.incidents(false, 10)).hasSize(1);
    }

    @Test
    void incidentsAreNewestDetectedFirstAndLimited() {
        ReliabilityStore store = store();
        store.saveIncident(incident("INC-B", "checkout", IncidentState.OPEN, T0.plusSeconds(20), 1));
        store.saveIncident(incident("INC-A", "checkout", IncidentState.OPEN, T0.plusSeconds(30), 1));
        store.saveIncident(incident("INC-C", "checkout", IncidentState.OPEN, T0.plusSeconds(10), 1));
        store.saveIncident(incident("INC-D", "checkout", IncidentState.OPEN, T0.plusSeconds(20), 1));

        assertThat(store.incidents(false, 3)).extracting(Incident::id).containsExactly("INC-A", "INC-D", "INC-B");
        assertThat(store.incidents(false, 0)).isEmpty();
    }

    @Test
    void anUnknownIncidentIsAbsent() {
        assertThat(store().incident("INC-404")).isEmpty();
    }

    // ---------------------------------------------------------------- decisions

    @Test
    void decisionComesBackWithItsActionUnderTheTargetService() {
        ReliabilityStore store = store();
        ActionOutcome outcome = decision("checkout", HealingAction.SCALE_OUT, ActionOutcome.Status.SUCCEEDED, T0);

        store.saveDecision("INC-1", outcome);

        assertThat(store.decisions("checkout", 10)).containsExactly(outcome);
        assertThat(store.decisions("payments", 10)).isEmpty();
    }

    @Test
    void decisionsAreNewestFirstAndLimited() {
        ReliabilityStore store = store();
        store.saveDecision(
                "INC-1", decision("checkout", HealingAction.RESTART_CONTAINER, ActionOutcome.Status.FAILED, T0));
        store.saveDecision(
                "INC-1",
                decision("checkout", HealingAction.ROLLBACK, ActionOutcome.Status.REFUSED, T0.plusSeconds(60)));
        store.saveDecision(
                "INC-2",
                decision("checkout", HealingAction.NO_ACTION, ActionOutcome.Status.SKIPPED, T0.plusSeconds(30)));

        assertThat(store.decisions("checkout", 2))
                .extracting(ActionOutcome::status)
                .containsExactly(ActionOutcome.Status.REFUSED, ActionOutcome.Status.SKIPPED);
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotComesBackWithItsBaselines() {
        ReliabilityStore store = store();
        DetectorSnapshot snapshot = snapshot("checkout", T0, 1_000);

        store.saveSnapshot(snapshot);

        assertThat(store.snapshot("checkout")).contains(snapshot);
        assertThat(store.snapshot("payments")).isEmpty();
    }

    @Test
    void savingASnapshotReplacesThePreviousOne() {
        ReliabilityStore store = store();
        store.saveSnapshot(snapshot("checkout", T0, 1_000));
        DetectorSnapshot newer = snapshot("checkout", T0.plusSeconds(60), 1_060);

        store.saveSnapshot(newer);

        assertThat(store.snapshot("checkout")).contains(newer);
    }

    // ---------------------------------------------------------------- concurrency and lifecycle

    @Test
    void concurrentWritersFromFourThreadsLoseNothing() throws Exception {
        ReliabilityStore store = store();
        int threads = 4;
        int perThread = 600;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.append(event("checkout", T0.plusMillis(i), thread * perThread + i));
                        if (i % 100 == 0) {
                            store.saveAnomaly(anomaly("checkout", T0.plusMillis(i), 0.5));
                            store.saveIncident(
                                    incident("INC-" + thread + "-" + i, "checkout", IncidentState.OPEN, T0, 1));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<TelemetryEvent> all = store.recentEvents("checkout", threads * perThread + 10);
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(TelemetryEvent::latencyP99).doesNotHaveDuplicates();
        assertThat(store.anomalies("checkout", 1_000)).hasSize(threads * perThread / 100);
        assertThat(store.incidents(true, 1_000)).hasSize(threads * perThread / 100);
    }

    @Test
    void closingTwiceIsHarmless() {
        ReliabilityStore store = store();
        store.append(event("checkout", T0, 1));

        store.close();
        store.close();
    }

    @Test
    void aClosedStoreRefusesWork() {
        ReliabilityStore store = store();
        store.close();

        assertThatThrownBy(() -> store.append(event("checkout", T0, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.incidents(false, 10)).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- approvals

    @Test
    void anApprovalRequestRoundTripsAndLeavesTheOpenListWhenDecided() {
        ReliabilityStore store = store();
        Action action = new Action(
                "k1",
                HealingAction.RESTART_CONTAINER,
                "database",
                Map.of("replicas", "4"),
                "policy:database_failure_restart",
                "errors 35%",
                T0,
                Action.CERTAIN);
        dev.arf.core.approval.ApprovalRequest pending = dev.arf.core.approval.ApprovalRequest.pending(
                "APR-1",
                action,
                "restart_pods",
                List.of("dba-team", "sre"),
                "needs approval",
                T0,
                T0.plusSeconds(3600));
        store.saveApproval(pending);
        assertThat(store.approval("APR-1")).contains(pending);
        assertThat(store.approvals(true, 10)).containsExactly(pending);

        dev.arf.core.approval.ApprovalRequest denied =
                pending.moveTo(dev.arf.core.approval.ApprovalState.DENIED, "alice", T0.plusSeconds(60), "not now");
        store.saveApproval(denied);
        assertThat(store.approval("APR-1")).contains(denied);
        assertThat(store.approvals(true, 10)).isEmpty();
        assertThat(store.approvals(false, 10)).containsExactly(denied);
        assertThat(store.approval("APR-404")).isEmpty();
    }

    // ---------------------------------------------------------------- settings

    @Test
    void aSettingIsReplacedAndReadBack() {
        ReliabilityStore store = store();
        assertThat(store.setting("kill_switch")).isEmpty();
        store.saveSetting("kill_switch", "on", T0);
        store.saveSetting("kill_switch", "off", T0.plusSeconds(1));
        store.saveSetting("other", "é ✓", T0);
        assertThat(store.setting("kill_switch")).contains("off");
        assertThat(store.setting("other")).contains("é ✓");
    }

    @Test
    void aSettingSurvivesCloseAndReopen() {
        assumeTrue(isDurable(), "not a durable store");
        ReliabilityStore store = store();
        store.saveSetting("kill_switch", "on", T0);
        assertThat(closeAndReopen(store).setting("kill_switch")).contains("on");
    }

    // ---------------------------------------------------------------- durability

    @Test
    void everythingSurvivesCloseAndReopen() {
        assumeTrue(isDurable(), "not a durable store");
        ReliabilityStore store = store();
        TelemetryEvent event = fullEvent("checkout", T0);
        Detection anomaly = anomaly("checkout", T0, 0.9);
        Incident incident = incident("INC-1", "checkout", IncidentState.MITIGATING, T0, 25);
        ActionOutcome outcome = decision("checkout", HealingAction.SCALE_OUT, ActionOutcome.Status.SUCCEEDED, T0);
        DetectorSnapshot snapshot = snapshot("checkout", T0, 500);
        store.append(event);
        store.saveAnomaly(anomaly);
        store.saveIncident(incident);
        store.saveDecision("INC-1", outcome);
        store.saveSnapshot(snapshot);
        store.flush();

        ReliabilityStore reopened = closeAndReopen(store);

        assertThat(reopened.recentEvents("checkout", 10)).containsExactly(event);
        assertThat(reopened.anomalies("checkout", 10)).containsExactly(anomaly);
        assertThat(reopened.incident("INC-1")).contains(incident);
        assertThat(reopened.incidents(true, 10)).containsExactly(incident);
        assertThat(reopened.decisions("checkout", 10)).containsExactly(outcome);
        assertThat(reopened.snapshot("checkout")).contains(snapshot);
    }

    @Test
    void closingWritesTelemetryThatWasStillBuffered() {
        assumeTrue(isDurable(), "not a durable store");
        ReliabilityStore store = store();
        for (int i = 0; i < 42; i++) {
            store.append(event("checkout", T0.plusSeconds(i), i));
        }

        ReliabilityStore reopened = closeAndReopen(store);

        assertThat(reopened.recentEvents("checkout", 100)).hasSize(42);
        assertThat(reopened.recentEvents("checkout", 1).getFirst().timestamp()).isEqualTo(T0.plusSeconds(41));
    }

    @Test
    void aReopenedStoreKeepsOrderingAndAcceptsNewWrites() {
        assumeTrue(isDurable(), "not a durable store");
        ReliabilityStore store = store();
        store.append(event("checkout", T0, 1));
        store.saveIncident(incident("INC-1", "checkout", IncidentState.OPEN, T0, 1));

        ReliabilityStore reopened = closeAndReopen(store);
        reopened.append(event("checkout", T0.plusSeconds(1), 2));
        reopened.saveIncident(incident("INC-1", "checkout", IncidentState.MITIGATING, T0, 4));

        assertThat(reopened.recentEvents("checkout", 10))
                .extracting(TelemetryEvent::latencyP99)
                .containsExactly(2.0, 1.0);
        assertThat(reopened.incident("INC-1").orElseThrow().timeline()).hasSize(4);
    }

    // ---------------------------------------------------------------- fixtures

    /** An event with every standard metric, custom metrics and labels. */
    protected static TelemetryEvent fullEvent(String service, Instant at) {
        return TelemetryEvent.builder(service, at)
                .latencyP50(42.25)
                .latencyP95(310.5)
                .latencyP99(0.1 + 0.2)
                .errorRate(0.0125)
                .throughput(1234.5)
                .cpuUtil(0.875)
                .memoryUtil(0.5)
                .custom("db_pool_in_use", 48)
                .custom("queue_depth", 1.0e-9)
                .label("region", "eu-west-1")
                .label("pod", "checkout-7d9f-x2")
                .build();
    }

    /** An event whose p99 latency carries {@code marker}, to tell events apart. */
    protected static TelemetryEvent event(String service, Instant at, double marker) {
        return TelemetryEvent.builder(service, at).latencyP99(marker).build();
    }

    protected static Detection anomaly(String service, Instant at, double score) {
        return new Detection(
                service,
                at,
                score,
                0.81,
                true,
                at.minusSeconds(90),
                Severity.HIGH,
                List.of(
                        new Signal(
                                SignalKind.THRESHOLD,
                                "latency_p99",
                                950,
                                500,
                                1.9,
                                at.minusSeconds(90),
                                "p99 latency 950ms above 500ms for 90s"),
                        new Signal(SignalKind.RCF, "*", 3.2, Double.NaN, 3.2, at, "unusual metric vector")),
                List.of(
                        new Forecast(
                                "error_rate",
                                0.04,
                                0.05,
                                0.001,
                                Optional.of(Duration.ofMinutes(10)),
                                "error rate threshold in 10 minutes"),
                        new Forecast("cpu_util", 0.4, 0.9, -0.01, Optional.empty(), "cpu falling")),
                List.of(
                        new RuleStatus(
                                "high_latency",
                                "latency_p99",
                                RuleState.FIRING,
                                at.minusSeconds(90),
                                950,
                                500,
                                Severity.HIGH),
                        new RuleStatus(
                                "errors", "error_rate", RuleState.INACTIVE, null, 0.01, 0.05, Severity.CRITICAL)),
                false);
    }

    /** An incident detected at {@code detectedAt} with {@code entries} timeline entries, one per second. */
    protected static Incident incident(
            String id, String service, IncidentState state, Instant detectedAt, int entries) {
        SplittableRandom random = new SplittableRandom(id.hashCode());
        TimelineEntry.Kind[] kinds = TimelineEntry.Kind.values();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            timeline.add(new TimelineEntry(
                    detectedAt.plusSeconds(i).plusNanos(1_000L * i),
                    kinds[random.nextInt(kinds.length)],
                    "step " + i + ": \"quoted\", unicode ✓, newline\nend"));
        }
        return new Incident(
                id,
                "fp-" + service + "-latency",
                service,
                "High p99 latency on " + service,
                Severity.HIGH,
                state,
                detectedAt.minusSeconds(60),
                detectedAt,
                null,
                "db_pool_exhaustion",
                timeline);
    }

    protected static Incident resolved(Incident incident, Instant resolvedAt) {
        return new Incident(
                incident.id(),
                incident.fingerprint(),
                incident.service(),
                incident.title(),
                incident.severity(),
                IncidentState.RESOLVED,
                incident.impactStartedAt(),
                incident.detectedAt(),
                resolvedAt,
                incident.cause(),
                incident.timeline());
    }

    protected static ActionOutcome decision(
            String service, HealingAction type, ActionOutcome.Status status, Instant at) {
        Action action = new Action(
                "idem-" + service + "-" + type.key() + "-" + at.toEpochMilli(),
                type,
                service,
                Map.of("replicas", "5", "namespace", "prod"),
                "policy:db_connection_pool_protection",
                "pool saturated",
                at.minusSeconds(2),
                Action.CERTAIN);
        return new ActionOutcome(action, status, "detail for " + status, at);
    }

    protected static DetectorSnapshot snapshot(String service, Instant takenAt, long count) {
        return new DetectorSnapshot(
                service,
                takenAt,
                Map.of(
                        "latency_p99", new BaselineStats(count, 212.5, 18.75),
                        "error_rate", new BaselineStats(count, 0.002, 0.0005),
                        "custom.queue_depth", new BaselineStats(count - 1, 3.0, 0.0)));
    }
}
