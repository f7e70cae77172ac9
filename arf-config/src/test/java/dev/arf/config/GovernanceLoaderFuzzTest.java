package dev.arf.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the governance loader (run with {@code JAZZER_FUZZ=1}); a normal test run
 * replays the seeds under {@code GovernanceLoaderFuzzTestInputs/anyInputLoadsOrIsExplained/}.
 */
class GovernanceLoaderFuzzTest {
    private static final GovernanceLoader LOADER = new GovernanceLoader();

    @FuzzTest(maxDuration = "30s")
    void anyInputLoadsOrIsExplained(FuzzedDataProvider data) {
        GovernanceLoadOutcome.assertLoadsOrIsExplained(LOADER, data.consumeRemainingAsBytes());
    }
}
