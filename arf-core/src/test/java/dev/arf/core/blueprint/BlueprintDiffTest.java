package dev.arf.core.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BlueprintDiffTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    private static BlueprintVersion version(int n, String yaml) {
        return new BlueprintVersion("checkout", n, BlueprintVersion.sha256(yaml), yaml, "file:checkout.yaml", T, "");
    }

    @Test
    void oneChangedLineIsOneHunkWithThreeLinesOfContextAsDiffUPrintsIt() {
        String a = "metadata:\n  name: checkout\n  version: 1.0.0\ngovernance:\n  agent_authority:\n"
                + "    allowed_operations: [restart_pods]\n    forbidden_operations: [delete_deployment]\n";
        String b = a.replace("allowed_operations: [restart_pods]", "allowed_operations: []")
                .replace("[delete_deployment]", "[delete_deployment, restart_pods]");

        String diff = BlueprintDiff.unified(version(1, a), version(2, b));

        assertThat(diff).isEqualTo("""
                        --- checkout v1 (sha %s, applied by file:checkout.yaml at 2026-03-01T10:00:00Z)
                        +++ checkout v2 (sha %s, applied by file:checkout.yaml at 2026-03-01T10:00:00Z)
                        @@ -3,5 +3,5 @@
                           version: 1.0.0
                         governance:
                           agent_authority:
                        -    allowed_operations: [restart_pods]
                        -    forbidden_operations: [delete_deployment]
                        +    allowed_operations: []
                        +    forbidden_operations: [delete_deployment, restart_pods]
                        """.formatted(
                        BlueprintVersion.sha256(a).substring(0, 12),
                        BlueprintVersion.sha256(b).substring(0, 12)));
    }

    @Test
    void distantChangesGetTheirOwnHunksAndNearOnesShareOne() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("line " + i);
        }
        String a = String.join("\n", lines) + "\n";
        String b = a.replace("line 2\n", "line two\n")
                .replace("line 25\n", "line 25b\n")
                .replace("line 28\n", "line 28b\n");

        String diff = BlueprintDiff.unified("a", a, "b", b, 3);

        assertThat(diff.lines().filter(l -> l.startsWith("@@")).toList())
                .containsExactly("@@ -1,5 +1,5 @@", "@@ -22,9 +22,9 @@");
        assertThat(patch(a, diff)).isEqualTo(b);
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(BlueprintDiff.unified("a", "x\ny\n", "b", "x\ny\n", 3)).isEmpty();
    }

    @Test
    void fromNothingEverythingIsAddedAndARemovalTakesEverythingAway() {
        String yaml = "a: 1\nb: 2\n";
        assertThat(BlueprintDiff.unified("/dev/null", "", "v1", yaml, 3))
                .isEqualTo("--- /dev/null\n+++ v1\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n");
        BlueprintVersion removal = new BlueprintVersion(
                "checkout", 2, BlueprintVersion.sha256(""), "", "file:checkout.yaml", T, "file removed");
        assertThat(removal.removed()).isTrue();
        assertThat(BlueprintDiff.unified(version(1, yaml), removal))
                .contains("+++ checkout v2 (removed, applied by file:checkout.yaml")
                .endsWith("@@ -1,2 +0,0 @@\n-a: 1\n-b: 2\n");
    }

    @Test
    void aMissingNewlineAtTheEndIsAChangeAndIsMarked() {
        String diff = BlueprintDiff.unified("a", "x\ny", "b", "x\ny\n", 3);
        assertThat(diff).isEqualTo("--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n");
        assertThat(patch("x\ny", diff)).isEqualTo("x\ny\n");
    }

    @Test
    void carriageReturnsAndUnicodeAreKeptInTheLines() {
        String diff = BlueprintDiff.unified("a", "é: 1\r\nz: 2\r\n", "b", "é: 1\r\nz: 3\r\n", 3);
        assertThat(diff).contains("-z: 2\r\n+z: 3\r\n");
    }

    @Test
    void aNegativeContextIsRefused() {
        assertThatThrownBy(() -> BlueprintDiff.unified("a", "x", "b", "y", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomEditsPatchBackAndAreShortest() {
        for (long seed = 1; seed <= 500; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> a = randomLines(random, random.nextInt(0, 40));
            List<String> b = mutate(random, a);
            String ta = join(a, random.nextBoolean());
            String tb = join(b, random.nextBoolean());
            int context = random.nextInt(0, 5);
            String diff = BlueprintDiff.unified("a", ta, "b", tb, context);
            assertThat(patch(ta, diff)).as("seed %d:\n%s", seed, diff).isEqualTo(tb);
            if (ta.equals(tb)) {
                assertThat(diff).isEmpty();
                continue;
            }
            long changed = diff.lines()
                    .skip(2)
                    .filter(l -> l.startsWith("-") || l.startsWith("+"))
                    .count();
            List<String> la = splitKeepingEnds(ta);
            List<String> lb = splitKeepingEnds(tb);
            assertThat(changed).as("seed %d", seed).isEqualTo((long) la.size() + lb.size() - 2L * lcs(la, lb));
        }
    }

    @Test
    void aHugeRewriteStillGivesACorrectDiff() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> a = randomLines(random, 3_000);
        List<String> b = new ArrayList<>();
        for (String line : a) {
            b.add(line + "x");
        }
        String ta = join(a, true);
        String tb = join(b, true);
        String diff = BlueprintDiff.unified("a", ta, "b", tb, 3);
        assertThat(patch(ta, diff)).isEqualTo(tb);
    }

    private static List<String> randomLines(SplittableRandom random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("k" + random.nextInt(6) + ": " + random.nextInt(4));
        }
        return lines;
    }

    private static List<String> mutate(SplittableRandom random, List<String> a) {
        List<String> b = new ArrayList<>(a);
        int edits = random.nextInt(0, 8);
        for (int e = 0; e < edits; e++) {
            int op = random.nextInt(3);
            if (op == 0 || b.isEmpty()) {
                b.add(random.nextInt(b.size() + 1), "n" + random.nextInt(5) + ": " + random.nextInt(3));
            } else if (op == 1) {
                b.remove(random.nextInt(b.size()));
            } else {
                b.set(random.nextInt(b.size()), "c" + random.nextInt(3));
            }
        }
        return b;
    }

    private static String join(List<String> lines, boolean finalNewline) {
        String text = String.join("\n", lines);
        return finalNewline && !lines.isEmpty() ? text + "\n" : text;
    }

    private static List<String> splitKeepingEnds(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            int end = lf < 0 ? text.length() : lf + 1;
            lines.add(text.substring(from, end));
            from = end;
        }
        return lines;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    /** Applies a unified diff strictly: every context and removed line must match. */
    private static String patch(String original, String diff) {
        List<String> source = splitKeepingEnds(original);
        List<String> lines = diff.lines().toList();
        StringBuilder out = new StringBuilder();
        int next = 0; // next source line to copy
        int i = 2;
        while (i < lines.size()) {
            Matcher m = HUNK.matcher(lines.get(i));
            assertThat(m.matches()).as("hunk header: " + lines.get(i)).isTrue();
            int aStart = Integer.parseInt(m.group(1));
            int aLen = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int first = aLen == 0 ? aStart : aStart - 1;
            while (next < first) {
                out.append(source.get(next++));
            }
            i++;
            while (i < lines.size() && !lines.get(i).startsWith("@@")) {
                String line = lines.get(i);
                boolean noNewline = i + 1 < lines.size() && lines.get(i + 1).equals("\\ No newline at end of file");
                String text = line.substring(1) + (noNewline ? "" : "\n");
                switch (line.charAt(0)) {
                    case ' ' -> {
                        assertThat(source.get(next)).isEqualTo(text);
                        next++;
                        out.append(text);
                    }
                    case '-' -> {
                        assertThat(source.get(next)).isEqualTo(text);
                        next++;
                    }
                    case '+' -> out.append(text);
                    default -> throw new AssertionError("unexpected line: " + line);
                }
                i += noNewline ? 2 : 1;
            }
        }
        while (next < source.size()) {
            out.append(source.get(next++));
        }
        return out.toString();
    }
}
