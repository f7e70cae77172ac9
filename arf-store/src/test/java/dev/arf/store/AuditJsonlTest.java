package dev.arf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditRecord;
import dev.arf.core.audit.InMemoryAuditLog;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AuditJsonlTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void writtenRecordsReadBackEqualAndStillVerify() {
        List<AuditRecord> chain = chain(20);

        List<AuditRecord> back = AuditJsonl.read(new StringReader(jsonl(chain)), "audit.jsonl");

        assertThat(back).containsExactlyElementsOf(chain);
        assertThat(AuditChain.verify(back).intact()).isTrue();
    }

    @Test
    void eachRecordIsOneLineWithTheDocumentedFieldsInOrder() {
        String text = jsonl(chain(2));

        String first = text.lines().findFirst().orElseThrow();
        assertThat(text.lines()).hasSize(2);
        assertThat(first)
                .startsWith("{\"sequence\":1,\"at\":\"2026-03-01T10:15:31.123456Z\",\"event\":\"ORCH_EXEC\","
                        + "\"subject\":\"payments\",\"actor\":\"engine\",\"details\":{\"action\":\"RESTART\","
                        + "\"attempt\":\"1\",\"note\":\"Zürich \\\"1\\\"\\n\"},\"previous_hash\":\""
                        + AuditChain.GENESIS + "\",\"hash\":\"");
    }

    @Test
    void aModifiedLineIsCaughtByVerification() {
        String text = jsonl(chain(5)).replace("\"attempt\":\"3\"", "\"attempt\":\"30\"");

        AuditChain.Verification v = AuditChain.verify(AuditJsonl.read(new StringReader(text), "audit.jsonl"));

        assertThat(v.firstBad()).contains(3L);
    }

    @Test
    void aMissingFieldIsNamedWithTheSourceAndLine() {
        List<String> lines = new ArrayList<>(jsonl(chain(7)).lines().toList());
        lines.set(6, lines.get(6).replaceAll(",\"hash\":\"[0-9a-f]+\"", ""));

        assertThatThrownBy(() -> AuditJsonl.read(new StringReader(String.join("\n", lines)), "audit.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audit.jsonl:7: hash: missing");
    }

    @Test
    void malformedLinesAreRefusedWithTheFieldAndTheReason() {
        String good = jsonl(chain(1)).strip();
        assertThat(problem("not json")).startsWith("in.jsonl:1: not valid JSON: ");
        assertThat(problem("[1,2]")).isEqualTo("in.jsonl:1: not a JSON object");
        assertThat(problem(good.replace("\"sequence\":1", "\"sequence\":\"1\"")))
                .isEqualTo("in.jsonl:1: sequence: not a whole number");
        assertThat(problem(good.replace("\"sequence\":1", "\"sequence\":0")))
                .isEqualTo("in.jsonl:1: sequence: must be at least 1, got 0");
        assertThat(problem(good.replace("2026-03-01T", "2026-13-01T"))).startsWith("in.jsonl:1: at: not an ISO-8601");
        assertThat(problem(good.replace("\"attempt\":\"1\"", "\"attempt\":1")))
                .isEqualTo("in.jsonl:1: details.attempt: not a string");
        assertThat(problem(good.replace("{\"sequence\"", "{\"extra\":true,\"sequence\"")))
                .isEqualTo("in.jsonl:1: extra: unknown field");
        assertThat(problem(good.replace("\"previous_hash\":\"0", "\"previous_hash\":\"X")))
                .isEqualTo("in.jsonl:1: previous_hash: not 64 lower-case hexadecimal digits");
        assertThat(problem(good.replace("\"event\":\"ORCH_EXEC\"", "\"event\":null")))
                .isEqualTo("in.jsonl:1: event: missing");
        assertThat(problem(good.replace("{\"sequence\":1", "{\"sequence\":1,\"sequence\":1")))
                .startsWith("in.jsonl:1: not valid JSON: ");
        assertThat(problem(good + " {}")).startsWith("in.jsonl:1: not valid JSON: ");
    }

    @Test
    void mutatedLinesEitherParseOrAreRefusedWithALineNumberNeverAnotherException() {
        List<String> lines = jsonl(chain(10)).lines().toList();
        String alphabet = "{}[]\":,0123456789abcdefZ.-\\ né\u0000🚀tnul";
        SplittableRandom random = new SplittableRandom(20260301L);
        int parsed = 0;
        int refused = 0;
        for (int run = 0; run < 5_000; run++) {
            int index = random.nextInt(lines.size());
            StringBuilder line = new StringBuilder(lines.get(index));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(line.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < line.length()) {
                            line.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < line.length()) {
                            line.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String text = "\n".repeat(index) + line;
            try {
                AuditJsonl.read(new StringReader(text), "fuzz.jsonl");
                parsed++;
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as(line.toString()).startsWith("fuzz.jsonl:" + (index + 1) + ": ");
                refused++;
            }
        }
        assertThat(parsed).isPositive();
        assertThat(refused).isPositive();
    }

    private static String problem(String line) {
        try {
            AuditJsonl.read(new StringReader(line), "in.jsonl");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + line);
    }

    private static String jsonl(List<AuditRecord> records) {
        StringWriter out = new StringWriter();
        AuditJsonl.write(records, out);
        return out.toString();
    }

    private static List<AuditRecord> chain(int n) {
        InMemoryAuditLog log = new InMemoryAuditLog();
        for (int i = 1; i <= n; i++) {
            log.append(new AuditEntry(
                    T0.plusSeconds(i),
                    AuditEvents.ORCH_EXEC,
                    "payments",
                    "engine",
                    Map.of("attempt", Integer.toString(i), "action", "RESTART", "note", "Zürich \"" + i + "\"\n")));
        }
        return log.read(1, n);
    }
}
