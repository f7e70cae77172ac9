package dev.arf.lab.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads an outage timeline from a JSON or CSV file (the format is told by the extension, else by
 * whether the text starts with <code>{</code>). Either returns a timeline ready to replay or throws a
 * {@link TimelineException} naming file, line, column and field of every problem; never anything
 * else, whatever the bytes.
 */
public final class TimelineReader {
    /** The largest file read: 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    public OutageTimeline read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw failure(source, "is a directory, not a timeline file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw failure(source, "file is larger than " + MAX_BYTES + " bytes (1 MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw failure(source, "no such file");
        } catch (IOException e) {
            throw failure(source, "cannot read: " + e.getMessage());
        }
        return read(bytes, source);
    }

    public OutageTimeline read(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            throw failure(source, "file is larger than " + MAX_BYTES + " bytes (1 MiB)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw failure(source, "not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (isJson(source, text)) {
            return new JsonTimelineReader().read(text, source);
        }
        return new CsvTimelineReader().read(text, source);
    }

    private static boolean isJson(String source, String text) {
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".csv")) {
            return false;
        }
        return text.stripLeading().startsWith("{");
    }

    private static TimelineException failure(String source, String message) {
        return new TimelineException(List.of(new TimelineProblem(source, 1, 1, "document", message)));
    }
}
