package dev.arf.lab.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arf.config.ConfigException;

/**
 * Coverage-guided fuzzing of the experiment loader (run with {@code JAZZER_FUZZ=1}); a normal test run
 * replays the seeds under {@code ExperimentLoaderFuzzTestInputs/anyInputLoadsOrIsExplained/}.
 */
class ExperimentLoaderFuzzTest {
    private static final ExperimentLoader LOADER = new ExperimentLoader();

    @FuzzTest(maxDuration = "30s")
    void anyInputLoadsOrIsExplained(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            ChaosExperiment e = LOADER.load(bytes, "fuzz.yaml");
            assertThat(e.name()).isNotBlank();
            assertThat(e.duration()).isPositive();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.source()).isEqualTo("fuzz.yaml");
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
        }
    }
}
