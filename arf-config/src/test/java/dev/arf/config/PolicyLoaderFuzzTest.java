package dev.arf.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the loader (run with {@code JAZZER_FUZZ=1}); a normal test run replays
 * the seeds under {@code PolicyLoaderFuzzTestInputs/anyInputLoadsOrIsExplained/}.
 */
class PolicyLoaderFuzzTest {
    private static final PolicyLoader LOADER = new PolicyLoader();

    @FuzzTest(maxDuration = "30s")
    void anyInputLoadsOrIsExplained(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        LoadOutcome.assertLoadsOrIsExplained(LOADER, bytes);
    }
}
