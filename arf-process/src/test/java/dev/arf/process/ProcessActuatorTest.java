package dev.arf.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.ActionOutcome.Status;
import dev.arf.core.execute.TargetSnapshot;
import dev.arf.core.policy.HealingAction;
import dev.arf.testkit.Permits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: {@code sleep} stands in for a service, {@code sh -c 'exit 3'} for one that cannot start. */
class ProcessActuatorTest {
    private static final AtomicInteger KEYS = new AtomicInteger();

    @TempDir
    Path logs;

    private ProcessActuator actuator;

    @AfterEach
    void stopEverything() {
        if (actuator != null) {
            actuator.close();
        }
    }

    private ProcessActuator.Builder builder() {
        return ProcessActuator.builder()
                .gracePeriod(Duration.ofSeconds(5))
                .readinessWindow(Duration.ofMillis(200))
                .logDirectory(logs);
    }

    @Test
    void aRestartStopsTheOldProcessAndStartsANewOne() {
        actuator = builder().command("worker", "sleep", "300").build();
        assertThat(actuator.startAll()).isEmpty();
        long oldPid = actuator.pid("worker").orElseThrow();
        ProcessHandle old = ProcessHandle.of(oldPid).orElseThrow();
        TargetSnapshot before = actuator.snapshot("worker").orElseThrow();
        assertThat(before.get(ProcessActuator.PID)).contains(Long.toString(oldPid));

        ActionOutcome outcome = run(restart("worker"));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        long newPid = actuator.pid("worker").orElseThrow();
        assertThat(newPid).isNotEqualTo(oldPid);
        assertThat(old.isAlive()).isFalse();
        assertThat(outcome.detail()).isEqualTo("restarted worker: stopped pid " + oldPid + ", started pid " + newPid);
        assertThat(actuator.snapshot("worker").orElseThrow().get(ProcessActuator.PID))
                .contains(Long.toString(newPid));
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        actuator = builder()
                .gracePeriod(Duration.ofMillis(300))
                .command("stubborn", "sh", "-c", "trap '' TERM; while :; do sleep 1; done")
                .build();
        assertThat(actuator.startAll()).isEmpty();
        ProcessHandle old =
                ProcessHandle.of(actuator.pid("stubborn").orElseThrow()).orElseThrow();

        ActionOutcome outcome = run(restart("stubborn"));

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.detail()).contains("forcibly after the grace period");
        assertThat(old.isAlive()).isFalse();
    }

    @Test
    void aCommandThatExitsAtOnceFailsWithItsExitCodeAndLastWords() {
        actuator = builder()
                .command("broken", "sh", "-c", "echo 'config not found' >&2; exit 3")
                .build();

        assertThat(actuator.startAll()).singleElement().asString().contains("broken exited at once with code 3");
        Action restart = restart("broken");
        ActionOutcome outcome = run(restart);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.detail())
                .startsWith("broken exited at once with code 3")
                .contains("it said: config not found")
                .endsWith("(it had not been started)");
        assertThat(actuator.pid("broken")).isEmpty();
        assertThat(actuator.snapshot("broken").orElseThrow().state()).isEqualTo(Map.of("running", "false"));
        assertThat(run(restart).status())
                .as("a failed attempt does not use up its key")
                .isEqualTo(Status.FAILED);
    }

    @Test
    void aCommandThatCannotStartFails() throws Exception {
        Path missingDir = logs.resolve("nowhere");
        actuator = builder()
                .command(new SupervisedCommand("ghost", List.of("/definitely/not/a/program")))
                .command(new SupervisedCommand("lost", List.of("sleep", "300"), missingDir))
                .build();

        ActionOutcome ghost = run(restart("ghost"));
        ActionOutcome lost = run(restart("lost"));

        assertThat(ghost.status()).isEqualTo(Status.FAILED);
        assertThat(ghost.detail()).startsWith("cannot start ghost (/definitely/not/a/program)");
        assertThat(lost.status()).isEqualTo(Status.FAILED);
        assertThat(lost.detail()).startsWith("cannot start lost");
        assertThat(Files.exists(missingDir)).isFalse();
    }

    @Test
    void aRepeatedKeyIsSkipped() {
        actuator = builder().command("worker", "sleep", "300").build();
        actuator.startAll();
        Action once = restart("worker");
        assertThat(run(once).status()).isEqualTo(Status.SUCCEEDED);
        long pid = actuator.pid("worker").orElseThrow();

        ActionOutcome again = run(once);

        assertThat(again.status()).isEqualTo(Status.SKIPPED);
        assertThat(again.detail()).contains(once.idempotencyKey());
        assertThat(actuator.pid("worker")).hasValue(pid);
    }

    @Test
    void onlyItsOwnCommandsAreHandledAndOnlyRestartIsSupported() {
        actuator = builder().command("worker", "sleep", "300").build();

        assertThat(actuator.handles(restart("worker"))).isTrue();
        assertThat(actuator.handles(restart("stranger"))).isFalse();
        assertThat(actuator.snapshot("stranger")).isEmpty();

        ActionOutcome scale = run(action(HealingAction.SCALE_OUT, "worker"));
        assertThat(scale.status()).isEqualTo(Status.FAILED);
        assertThat(scale.detail())
                .isEqualTo("scale_out is not supported for local processes (only restart_container is)");
        assertThat(actuator.pid("worker")).isEmpty();
    }

    @Test
    void closeStopsEverything() {
        actuator = builder()
                .command("a", "sleep", "300")
                .command("b", "sleep", "300")
                .build();
        assertThat(actuator.startAll()).isEmpty();
        ProcessHandle a = ProcessHandle.of(actuator.pid("a").orElseThrow()).orElseThrow();
        ProcessHandle b = ProcessHandle.of(actuator.pid("b").orElseThrow()).orElseThrow();

        actuator.close();

        assertThat(a.isAlive()).isFalse();
        assertThat(b.isAlive()).isFalse();
        ActionOutcome afterwards = run(restart("a"));
        assertThat(afterwards.status()).isEqualTo(Status.FAILED);
        assertThat(afterwards.detail()).contains("closed");
    }

    private ActionOutcome run(Action action) {
        return actuator.execute(Permits.grant(action));
    }

    private static Action restart(String target) {
        return action(HealingAction.RESTART_CONTAINER, target);
    }

    private static Action action(HealingAction type, String target) {
        return new Action(
                "test|" + target + "|" + KEYS.incrementAndGet(),
                type,
                target,
                Map.of(),
                "test",
                "because the test says so",
                Instant.now(),
                Action.CERTAIN);
    }
}
