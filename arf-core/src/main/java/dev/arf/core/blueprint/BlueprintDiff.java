package dev.arf.core.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Unified line diffs between blueprint versions, as {@code diff -u} prints them: {@code ---} and
 * {@code +++} headers, then hunks {@code @@ -l,n +l,n @@} of changed lines with three lines of context
 * ({@code -} removed, {@code +} added, a space for context), and {@code \ No newline at end of file}
 * after a last line without one. Lines are compared whole, carriage returns included.
 *
 * <p>The edit script is a shortest one (a longest common subsequence of lines, by Myers' O((N+M)D)
 * algorithm) after the common head and tail are set aside. Past {@value #MAX_EDITS} differing lines
 * in the middle, the middle is shown as removed and added whole: still a correct diff, only not the
 * shortest, and computed in bounded memory.
 */
public final class BlueprintDiff {
    /** Lines of context around each change. */
    public static final int CONTEXT = 3;
    /** Beyond this many edits, the changed middle is replaced whole. */
    static final int MAX_EDITS = 1_000;

    private BlueprintDiff() {}

    /** From {@code a} to {@code b}; empty when their YAML is the same. */
    public static String unified(BlueprintVersion a, BlueprintVersion b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return unified(label(a), a.yaml(), label(b), b.yaml(), CONTEXT);
    }

    /** {@code name vN (sha 0123456789ab, applied by X at T)}, or {@code name vN (removed, …)}. */
    public static String label(BlueprintVersion v) {
        return v.name() + " v" + v.version() + " (" + (v.removed() ? "removed" : "sha " + v.shortSha())
                + ", applied by " + v.appliedBy() + " at " + v.appliedAt() + ")";
    }

    /**
     * From text {@code a} to text {@code b}, with {@code context} lines around each change; empty when
     * they are equal.
     */
    public static String unified(String aLabel, String a, String bLabel, String b, int context) {
        Objects.requireNonNull(aLabel, "aLabel");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(bLabel, "bLabel");
        Objects.requireNonNull(b, "b");
        if (context < 0) {
            throw new IllegalArgumentException("context must not be negative, got " + context);
        }
        if (a.equals(b)) {
            return "";
        }
        List<Line> x = lines(a);
        List<Line> y = lines(b);
        List<Edit> edits = edits(x, y);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(aLabel).append('\n');
        out.append("+++ ").append(bLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            // the next change, and the hunk around it: changes closer than 2 * context share one hunk
            while (i < edits.size() && edits.get(i).op == Op.EQUAL) {
                i++;
            }
            if (i == edits.size()) {
                break;
            }
            int start = Math.max(0, i - context);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op != Op.EQUAL) {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + context + 1);
            hunk(edits.subList(start, end), x, y, out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<Edit> hunk, List<Line> x, List<Line> y, StringBuilder out) {
        int aStart = -1;
        int bStart = -1;
        int aLen = 0;
        int bLen = 0;
        for (Edit e : hunk) {
            if (e.op != Op.INSERT) {
                aLen++;
                if (aStart < 0) {
                    aStart = e.a;
                }
            }
            if (e.op != Op.DELETE) {
                bLen++;
                if (bStart < 0) {
                    bStart = e.b;
                }
            }
        }
        // a range of no lines starts at the line before it, as diff -u prints it
        out.append("@@ -")
                .append(range(aStart < 0 ? hunk.getFirst().a : aStart, aLen))
                .append(" +")
                .append(range(bStart < 0 ? hunk.getFirst().b : bStart, bLen))
                .append(" @@\n");
        for (Edit e : hunk) {
            Line line = e.op == Op.INSERT ? y.get(e.b) : x.get(e.a);
            char mark = e.op == Op.EQUAL ? ' ' : e.op == Op.DELETE ? '-' : '+';
            out.append(mark).append(line.text).append('\n');
            if (!line.newline) {
                out.append("\\ No newline at end of file\n");
            }
        }
    }

    /** 0-based first line and count, as 1-based {@code l,n} ({@code l} alone when n is 1). */
    private static String range(int first, int count) {
        if (count == 0) {
            return first + ",0";
        }
        return count == 1 ? Integer.toString(first + 1) : (first + 1) + "," + count;
    }

    private enum Op {
        EQUAL,
        DELETE,
        INSERT
    }

    /**
     * One step of the script. {@code a} and {@code b} are 0-based line indexes; for an insertion
     * {@code a} is where it goes in the old text, for a deletion {@code b} where it was in the new.
     */
    private record Edit(Op op, int a, int b) {}

    /** A line without its line feed, and whether it had one (only the last line of a text can lack it). */
    private record Line(String text, boolean newline) {}

    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            if (lf < 0) {
                lines.add(new Line(text.substring(from), false));
                break;
            }
            lines.add(new Line(text.substring(from, lf), true));
            from = lf + 1;
        }
        return lines;
    }

    private static List<Edit> edits(List<Line> x, List<Line> y) {
        int head = 0;
        while (head < x.size() && head < y.size() && x.get(head).equals(y.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < x.size() - head
                && tail < y.size() - head
                && x.get(x.size() - 1 - tail).equals(y.get(y.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(Op.EQUAL, i, i));
        }
        List<Line> xm = x.subList(head, x.size() - tail);
        List<Line> ym = y.subList(head, y.size() - tail);
        List<Edit> middle = myers(xm, ym);
        if (middle == null) {
            middle = new ArrayList<>();
            for (int i = 0; i < xm.size(); i++) {
                middle.add(new Edit(Op.DELETE, i, 0));
            }
            for (int j = 0; j < ym.size(); j++) {
                middle.add(new Edit(Op.INSERT, xm.size(), j));
            }
        }
        for (Edit e : middle) {
            edits.add(new Edit(e.op, e.a + head, e.b + head));
        }
        for (int i = 0; i < tail; i++) {
            edits.add(new Edit(Op.EQUAL, x.size() - tail + i, y.size() - tail + i));
        }
        return edits;
    }

    /** A shortest edit script from x to y, or null when it has more than {@link #MAX_EDITS} edits. */
    private static List<Edit> myers(List<Line> x, List<Line> y) {
        int n = x.size();
        int m = y.size();
        int max = Math.min(n + m, MAX_EDITS);
        // v[k + offset]: the furthest x reached on diagonal k (x - y = k)
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        // trace.get(d): v over diagonals -(d+1)..d+1 before step d
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            int[] slice = new int[2 * d + 3];
            System.arraycopy(v, offset - d - 1, slice, 0, slice.length);
            trace.add(slice);
            for (int k = -d; k <= d; k += 2) {
                int px;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    px = v[offset + k + 1];
                } else {
                    px = v[offset + k - 1] + 1;
                }
                int py = px - k;
                while (px < n && py < m && x.get(px).equals(y.get(py))) {
                    px++;
                    py++;
                }
                v[offset + k] = px;
                if (px >= n && py >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return null;
        }
        List<Edit> reversed = new ArrayList<>();
        int px = n;
        int py = m;
        for (int d = found; d >= 0; d--) {
            int[] slice = trace.get(d);
            int k = px - py;
            int prevK;
            if (k == -d || (k != d && at(slice, d, k - 1) < at(slice, d, k + 1))) {
                prevK = k + 1;
            } else {
                prevK = k - 1;
            }
            int prevX = d == 0 ? 0 : at(slice, d, prevK);
            int prevY = d == 0 ? 0 : prevX - prevK;
            while (px > prevX && py > prevY) {
                px--;
                py--;
                reversed.add(new Edit(Op.EQUAL, px, py));
            }
            if (d > 0) {
                if (px == prevX) {
                    reversed.add(new Edit(Op.INSERT, prevX, prevY));
                } else {
                    reversed.add(new Edit(Op.DELETE, prevX, prevY));
                }
            }
            px = prevX;
            py = prevY;
        }
        return reversed.reversed();
    }

    private static int at(int[] slice, int d, int k) {
        return slice[k + d + 1];
    }
}
