package dev.arf.core.sim;

import static dev.arf.core.sim.SimFixtures.START;
import static dev.arf.core.sim.SimFixtures.standardFleet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.execute.Action;
import dev.arf.core.execute.ActionOutcome;
import dev.arf.core.execute.ActionOutcome.Status;
import dev.arf.core.policy.HealingAction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorActuatorTest {

    private static Action scaleOut(String key, String target) {
        return new Action(
                key, HealingAction.SCALE_OUT, target, Map.of(), "policy:test", "load is high", START, Action.CERTAIN);
    }

    @Test
    void handlesOnlyTheServicesOfItsFleet() {
        SimulatorActuator actuator = new SimulatorActuator(standardFleet(1));

        assertThat(actuator.handles(scaleOut("k1", "checkout"))).isTrue();
        assertThat(actuator.handles(scaleOut("k2", "billing"))).isFalse();
    }

    @Test
    void aRepeatedIdempotencyKeyIsSkippedAndDoesNotActAgain() {
        Fleet fleet = standardFleet(2);
        SimulatorActuator actuator = new SimulatorActuator(fleet);

        ActionOutcome first = actuator.execute(SimFixtures.permit(scaleOut("incident-7/scale", "checkout")));
        ActionOutcome again = actuator.execute(SimFixtures.permit(scaleOut("incident-7/scale", "checkout")));

        assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(again.status()).isEqualTo(Status.SKIPPED);
        assertThat(again.detail()).contains("incident-7/scale");
        assertThat(fleet.desiredReplicas("checkout")).isEqualTo(15);
    }

    @Test
    void aDifferentKeyActsAgain() {
        Fleet fleet = standardFleet(3);
        SimulatorActuator actuator = new SimulatorActuator(fleet);

        actuator.execute(SimFixtures.permit(scaleOut("a", "checkout")));
        actuator.execute(SimFixtures.permit(scaleOut("b", "checkout")));

        assertThat(fleet.desiredReplicas("checkout")).isEqualTo(23);
    }

    @Test
    void aFailedAttemptDoesNotUseUpItsKey() {
        Fleet fleet = standardFleet(4);
        SimulatorActuator actuator = new SimulatorActuator(fleet);
        Action malformed = new Action(
                "retry-me",
                HealingAction.SCALE_OUT,
                "checkout",
                Map.of("replicas", "x"),
                "test",
                "typo",
                START,
                Action.CERTAIN);

        assertThat(actuator.execute(SimFixtures.permit(malformed)).status()).isEqualTo(Status.FAILED);
        assertThat(actuator.execute(SimFixtures.permit(scaleOut("retry-me", "checkout")))
                        .status())
                .isEqualTo(Status.SUCCEEDED);
    }
}
