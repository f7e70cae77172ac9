package dev.arf.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void theBuilderDefaultsMakeAValidSpec() {
        ServiceSpec spec = ServiceSpec.builder("orders").dependsOn("db").build();

        assertThat(spec.dependencies()).containsExactly("db");
        assertThat(spec.minReplicas()).isLessThanOrEqualTo(spec.replicas());
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        assertThatThrownBy(() -> ServiceSpec.builder("bad name!")
                        .capacityPerReplica(0)
                        .replicas(5, 2, 1)
                        .baseErrorRate(2)
                        .version(" ")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name:")
                .hasMessageContaining("capacityPerReplica:")
                .hasMessageContaining("replicas:")
                .hasMessageContaining("baseErrorRate:")
                .hasMessageContaining("version:");
    }

    @Test
    void aServiceCannotDependOnItself() {
        assertThatThrownBy(() -> ServiceSpec.builder("loop").dependsOn("loop").build())
                .hasMessageContaining("itself");
    }

    @Test
    void faultsRefuseNonsenseParameters() {
        assertThatThrownBy(() -> new Fault.TrafficSurge("a", 0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Fault.MemoryLeak("a", 0)).hasMessageContaining("ratePerMinute");
        assertThatThrownBy(() -> new Fault.CpuSaturation("a", 1.5)).hasMessageContaining("extraCpu");
        assertThatThrownBy(() -> new Fault.BadDeploy("a", "v2", 0.1, 0.5)).hasMessageContaining("latencyFactor");
    }
}
