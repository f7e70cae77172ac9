package dev.arf.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the blueprint loader (run with {@code JAZZER_FUZZ=1}); a normal test run
 * replays the seeds under {@code BlueprintLoaderFuzzTestInputs/anyInputLoadsOrIsExplained/}.
 */
class BlueprintLoaderFuzzTest {
    private static final BlueprintLoader LOADER = new BlueprintLoader();

    @FuzzTest(maxDuration = "30s")
    void anyInputLoadsOrIsExplained(FuzzedDataProvider data) {
        BlueprintLoadOutcome.assertLoadsOrIsExplained(LOADER, data.consumeRemainingAsBytes());
    }
}
