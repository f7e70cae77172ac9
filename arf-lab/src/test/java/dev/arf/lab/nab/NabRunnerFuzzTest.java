package dev.arf.lab.nab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arf.core.detect.SeriesSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

/**
 * Coverage-guided fuzzing of the NAB data reader (run with {@code JAZZER_FUZZ=1}); a normal test run replays the
 * seeds under {@code NabRunnerFuzzTestInputs/anyStreamScoresOrIsExplained/}. Whatever the text, every data row
 * is scored in [0, 1] in order, or the file is refused naming its line.
 */
class NabRunnerFuzzTest {
    private static final NabRunner RUNNER = new NabRunner(SeriesSettings.DEFAULT);

    @FuzzTest(maxDuration = "30s")
    void anyStreamScoresOrIsExplained(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        StringWriter out = new StringWriter();
        int rows;
        try {
            rows = RUNNER.score(new BufferedReader(new StringReader(text)), out, "cat/f.csv");
        } catch (NabRunner.MalformedDataException e) {
            assertThat(e.getMessage()).matches("(?s)cat/f\\.csv:\\d+: .+");
            return;
        }
        String[] written = out.toString().split("\n");
        assertThat(written[0]).isEqualTo("timestamp,value,anomaly_score");
        assertThat(written).hasSize(rows + 1);
        for (int i = 1; i < written.length; i++) {
            double score = Double.parseDouble(written[i].substring(written[i].lastIndexOf(',') + 1));
            assertThat(score).isBetween(0.0, 1.0);
        }
    }
}
