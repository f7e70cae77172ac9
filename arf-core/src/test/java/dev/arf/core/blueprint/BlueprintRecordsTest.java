package dev.arf.core.blueprint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BlueprintRecordsTest {
    @Test
    void scalingRefusesMoreMinimumThanMaximumReplicas() {
        assertThatThrownBy(() -> new Scaling(5, 2, 0.7, OptionalDouble.empty(), 0.8, 0.4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalingRefusesAScaleDownThresholdAboveTheScaleUpThreshold() {
        assertThatThrownBy(() -> new Scaling(1, 2, 0.7, OptionalDouble.empty(), 0.4, 0.8))
                .hasMessageContaining("scale_down_threshold");
    }

    @Test
    void boundsRefuseARequestAboveTheLimit() {
        assertThatThrownBy(() -> new Bounds<>(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(2.0), Optional.of(1.0)))
                .hasMessageContaining("request <= limit");
        assertThatThrownBy(() -> new Bounds<>(
                        Optional.of(3L), Optional.empty(), Optional.of(2L), Optional.empty(), Optional.empty()))
                .hasMessageContaining("min <= target <= max");
    }

    @Test
    void verificationRefusesAZeroStabilizationPeriod() {
        assertThatThrownBy(() -> new Verification(true, Duration.ZERO, List.of(), Rollback.disabled()))
                .hasMessageContaining("stabilization_period");
    }

    @Test
    void approvalRulesNeedAnApprover() {
        assertThatThrownBy(() -> new ApprovalRule("scale_beyond_limits", "", List.of()))
                .hasMessageContaining("approver");
    }
}
