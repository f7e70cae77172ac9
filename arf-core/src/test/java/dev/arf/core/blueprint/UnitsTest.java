package dev.arf.core.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @Test
    void percentagesBecomeFractions() {
        assertThat(Units.percentage("70%")).isEqualTo(0.70);
        assertThat(Units.percentage("0%")).isEqualTo(0.0);
        assertThat(Units.percentage("100%")).isEqualTo(1.0);
        assertThat(Units.percentage("99.9%")).isEqualTo(0.999);
        assertThat(Units.percentage("0.5%")).isEqualTo(0.005);
    }

    @ParameterizedTest
    @ValueSource(strings = {"70", "70 %", "0.7", "-5%", "+5%", "070%", "70%%", "%", "", "1e2%", "7O%", " 70%"})
    void percentagesWithoutTheFormAreRefusedWithTheFormExpected(String text) {
        assertThatThrownBy(() -> Units.percentage(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a percentage; write e.g. 70% or 99.9% (0% to 100%)");
    }

    @Test
    void percentagesAboveOneHundredAreRefused() {
        assertThatThrownBy(() -> Units.percentage("100.1%")).hasMessageContaining("more than 100%");
        assertThatThrownBy(() -> Units.percentage("250%")).hasMessageContaining("more than 100%");
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesAndHours() {
        assertThat(Units.duration("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(Units.duration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Units.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Units.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.duration("0s")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "5 minutes", "-1s", "1.5s", "5M", "5min", "1d", "PT5M", "s", "60S", "1e3s", "05s"})
    void durationsWithoutTheFormAreRefused(String text) {
        assertThatThrownBy(() -> Units.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a duration; write e.g. 200ms, 60s, 5m or 1h");
    }

    @Test
    void latenciesAreDurationsAboveZero() {
        assertThat(Units.latency("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> Units.latency("0ms")).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> Units.latency("200"))
                .hasMessageStartingWith("'200' is not a latency; write e.g. 200ms");
    }

    @Test
    void cpuIsMillicoresOrCores() {
        assertThat(Units.cpu("500m")).isEqualTo(0.5);
        assertThat(Units.cpu("100m")).isEqualTo(0.1);
        assertThat(Units.cpu("2")).isEqualTo(2.0);
        assertThat(Units.cpu("0.25")).isEqualTo(0.25);
        assertThat(Units.cpu("1000m")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"500M", "0.5m", "-1", "2 cores", "1e3", "2c", "500 m", "", "0.0001"})
    void cpuWithoutTheFormIsRefused(String text) {
        assertThatThrownBy(() -> Units.cpu(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a CPU quantity; write e.g. 500m (millicores) or 2 (cores)");
    }

    @Test
    void memoryFollowsKubernetesBinaryAndDecimalSuffixes() {
        assertThat(Units.memory("512Mi")).isEqualTo(512L * 1024 * 1024);
        assertThat(Units.memory("2Gi")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(Units.memory("1G")).isEqualTo(1_000_000_000L);
        assertThat(Units.memory("256M")).isEqualTo(256_000_000L);
        assertThat(Units.memory("1024Ki")).isEqualTo(1024L * 1024);
        assertThat(Units.memory("128k")).isEqualTo(128_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"512mi", "512", "1e999Mi", "2GB", "2 Gi", "-1Gi", "1.5Gi", "Gi", "512MI", "1K"})
    void memoryWithoutTheFormIsRefused(String text) {
        assertThatThrownBy(() -> Units.memory(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a memory quantity; write e.g. 512Mi, 2Gi or 1G");
    }

    @Test
    void memoryThatOverflowsALongIsRefused() {
        assertThatThrownBy(() -> Units.memory("999999999999999Pi")).hasMessageContaining("too large");
    }

    @Test
    void nothingIsRefusedToo() {
        assertThatThrownBy(() -> Units.percentage(null)).hasMessageStartingWith("nothing is not a percentage");
        assertThatThrownBy(() -> Units.memory(null)).hasMessageStartingWith("nothing is not a memory quantity");
    }

    @Test
    void checkTargetsAreAComparatorAndAPercentageOrDuration() {
        var latency = VerificationCheck.Target.parse("< 200ms");
        assertThat(latency.comparison()).isEqualTo(Comparison.LT);
        assertThat(latency.value()).isEqualTo(new Quantity.Time(Duration.ofMillis(200)));
        var errors = VerificationCheck.Target.parse(">=1%");
        assertThat(errors.comparison()).isEqualTo(Comparison.GE);
        assertThat(errors.value()).isEqualTo(new Quantity.Percentage(0.01));
        assertThatThrownBy(() -> VerificationCheck.Target.parse("200ms")).hasMessageContaining("comparator");
        assertThatThrownBy(() -> VerificationCheck.Target.parse("< 200")).hasMessageContaining("e.g. 1% or 200ms");
        assertThatThrownBy(() -> VerificationCheck.Target.parse("< 101%")).hasMessageContaining("more than 100%");
    }
}
