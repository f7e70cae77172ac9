package dev.arf.config;

import java.io.Reader;
import java.util.Objects;

/**
 * Reads a text without ever ending a read between the two halves of a surrogate pair.
 *
 * <p>snakeyaml-engine 3.0.1's {@code StreamReader} fills its whole window in one read and, when the
 * window ends with a high surrogate, reads one more character past the end of its array: an {@code
 * IndexOutOfBoundsException} for any document with a character outside the BMP (an emoji) at window
 * position 1024 (jackson-dataformats-text #508, networknt/json-schema-validator #1231). Stopping each
 * read before such a character avoids the case entirely; a short read is allowed by {@link Reader}'s
 * contract.
 */
final class WholeCodePointReader extends Reader {
    private final String text;
    private int next;

    WholeCodePointReader(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (next >= text.length()) {
            return -1;
        }
        int n = Math.min(length, text.length() - next);
        if (n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) {
            n--;
        }
        text.getChars(next, next + n, buffer, offset);
        next += n;
        return n;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
