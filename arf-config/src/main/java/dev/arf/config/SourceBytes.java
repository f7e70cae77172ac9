package dev.arf.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Gets a configuration file's bytes for {@link SafeYamlReader}, refusing what cannot be read. */
final class SourceBytes {
    private SourceBytes() {}

    /**
     * The file's bytes; a file over {@link SafeYamlReader#MAX_BYTES} is refused before it is read.
     *
     * @param fileKind what such files are called in messages, e.g. {@code policy file}
     * @throws ConfigException naming the file as given when it is too large or cannot be read
     */
    static byte[] read(Path file, String fileKind) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > SafeYamlReader.MAX_BYTES) {
                throw new ConfigException(List.of(new ConfigProblem(
                        source,
                        1,
                        1,
                        FieldPath.DOCUMENT,
                        "file is " + size + " bytes; " + fileKind + "s may be at most " + SafeYamlReader.MAX_BYTES
                                + " bytes (1 MiB)")));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    source,
                    1,
                    1,
                    FieldPath.DOCUMENT,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
    }

    /**
     * The text as UTF-8. Text longer than {@link SafeYamlReader#MAX_BYTES} characters becomes a
     * placeholder one byte too long, so that the reader refuses it for its size without encoding it.
     *
     * @throws ConfigException when the text holds an unpaired surrogate
     */
    static byte[] encode(String text, String source) {
        if (text.length() > SafeYamlReader.MAX_BYTES) {
            return new byte[SafeYamlReader.MAX_BYTES + 1];
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    source, 1, 1, FieldPath.DOCUMENT, "the text is not valid Unicode (unpaired surrogate)")));
        }
    }
}
