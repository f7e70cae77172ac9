package dev.arf.core.sim;

import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shared set-up for the simulator tests: a fixed start, the standard fleet, and helpers to run it. */
final class SimFixtures {
    static final Instant START = Instant.parse("2025-01-15T10:00:00Z");
    static final Duration STEP = Duration.ofSeconds(15);

    private static final AtomicLong KEYS = new AtomicLong();

    private SimFixtures() {}

    static Fleet standardFleet(long seed) {
        return new Fleet(FleetCatalog.standard(), START, seed);
    }

    /** Ticks for {@code duration} in 15 s steps; returns the last event of each service. */
    static Map<String, TelemetryEvent> runFor(Fleet fleet, Duration duration) {
        Map<String, TelemetryEvent> last = new LinkedHashMap<>();
        for (long i = 0; i < duration.dividedBy(STEP); i++) {
            for (TelemetryEvent e : fleet.tick(STEP)) {
                last.put(e.service(), e);
            }
        }
        return last;
    }

    static Map<String, TelemetryEvent> byService(List<TelemetryEvent> events) {
        Map<String, TelemetryEvent> map = new LinkedHashMap<>();
        events.forEach(e -> map.put(e.service(), e));
        return map;
    }

    static Action action(HealingAction type, String target) {
        return action(type, target, Map.of());
    }

    static Action action(HealingAction type, String target, Map<String, String> parameters) {
        return new Action(
                "test-" + KEYS.incrementAndGet(),
                type,
                target,
                parameters,
                "test",
                "because the test says so",
                START,
                Action.CERTAIN);
    }

    /** A permit from the ungoverned gate: the only way a test gets one, too. */
    static dev.arf.core.governance.Permit permit(Action action) {
        return ((dev.arf.core.execute.GateVerdict.Allow) dev.arf.core.governance.Guardian.ungoverned(
                                java.time.Clock.systemUTC(), dev.arf.core.governance.KillSwitch.NEVER)
                        .check(action))
                .permit();
    }
}
