package dev.arf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.blueprint.Units;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitTextTest {
    @Test
    void quantitiesAreWrittenInTheLargestUnitThatSaysThemExactly() {
        assertThat(UnitText.duration(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(UnitText.duration(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(UnitText.duration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(UnitText.duration(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(UnitText.duration(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(UnitText.duration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(UnitText.duration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(UnitText.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(UnitText.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(UnitText.percentage(0.7)).isEqualTo("70%");
        assertThat(UnitText.percentage(0.999)).isEqualTo("99.9%");
        assertThat(UnitText.percentage(1)).isEqualTo("100%");
        assertThat(UnitText.percentage(0)).isEqualTo("0%");
        assertThat(UnitText.percentage(0.0000001)).isEqualTo("0.00001%");
        assertThat(UnitText.cpu(0.5)).isEqualTo("500m");
        assertThat(UnitText.cpu(2)).isEqualTo("2");
        assertThat(UnitText.cpu(0.001)).isEqualTo("1m");
        assertThat(UnitText.memory(512L << 20)).isEqualTo("512Mi");
        assertThat(UnitText.memory(1_000_000_000L)).isEqualTo("1G");
        assertThat(UnitText.memory(1L << 30)).isEqualTo("1Gi");
        assertThat(UnitText.memory(1_536L << 20)).isEqualTo("1536Mi");
        assertThat(UnitText.memory(5_000L)).isEqualTo("5k");
    }

    @Test
    void whatTheUnitsCannotSayExactlyIsRefused() {
        assertThatThrownBy(() -> UnitText.duration(Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.duration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.duration(Duration.ofMillis(1_000_000_001L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.percentage(0.123456789)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.percentage(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.percentage(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.cpu(0.0005)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.cpu(10_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.memory(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitText.memory(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatTheParsersReadIsWrittenBackToTheSameValue() {
        SplittableRandom random = new SplittableRandom(7);
        String[] durationUnits = {"ms", "s", "m", "h"};
        String[] memoryUnits = {"Ki", "Mi", "Gi", "Ti", "Pi", "k", "M", "G", "T", "P"};
        for (int i = 0; i < 20_000; i++) {
            String d = random.nextLong(1_000_000_000L) + durationUnits[random.nextInt(4)];
            assertThat(Units.duration(UnitText.duration(Units.duration(d)))).isEqualTo(Units.duration(d));

            String p = random.nextInt(50) == 0
                    ? "100%"
                    : random.nextInt(100) + (random.nextBoolean() ? "" : "." + random.nextInt(1_000_000)) + "%";
            assertThat(Units.percentage(UnitText.percentage(Units.percentage(p))))
                    .isEqualTo(Units.percentage(p));

            String c = random.nextBoolean()
                    ? random.nextLong(10_000_000L) + "m"
                    : random.nextInt(10_000) + (random.nextBoolean() ? "" : "." + random.nextInt(1000));
            assertThat(Units.cpu(UnitText.cpu(Units.cpu(c)))).isEqualTo(Units.cpu(c));

            String unit = memoryUnits[random.nextInt(memoryUnits.length)];
            long max = Math.min(999_999_999_999_999L, Long.MAX_VALUE / Units.memory("1" + unit));
            String m = random.nextLong(max) + unit;
            assertThat(Units.memory(UnitText.memory(Units.memory(m)))).isEqualTo(Units.memory(m));
        }
    }
}
