package dev.arf.lab.nab;

import dev.arf.core.detect.SeriesAnomalyDetector;
import dev.arf.core.detect.SeriesSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Streams every NAB-format data file {@code DATA/<category>/<name>.csv} ({@code timestamp,value}) through a fresh
 * {@link SeriesAnomalyDetector} and writes {@code OUT/<category>/<name>.csv} with {@code
 * timestamp,value,anomaly_score}, one row per input row in the same order. Needs no labels.
 */
public final class NabRunner {
    private final SeriesSettings settings;

    public NabRunner(SeriesSettings settings) {
        this.settings = settings;
    }

    /** One data file scored: its path relative to the data directory and its row count. */
    public record FileRun(String file, int rows) {}

    /** Thrown for a data file that is not NAB's format; the message names the file and line. */
    public static final class MalformedDataException extends RuntimeException {
        MalformedDataException(String message) {
            super(message);
        }
    }

    public List<FileRun> run(Path dataDir, Path outDir, Consumer<FileRun> progress) {
        List<Path> files = dataFiles(dataDir);
        if (files.isEmpty()) {
            throw new MalformedDataException(dataDir + ": no <category>/<name>.csv data files");
        }
        List<FileRun> runs = new ArrayList<>();
        for (Path file : files) {
            Path relative = dataDir.relativize(file);
            FileRun run = runFile(
                    file,
                    outDir.resolve(relative.toString()),
                    relative.toString().replace('\\', '/'));
            runs.add(run);
            progress.accept(run);
        }
        return runs;
    }

    public static List<Path> dataFiles(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new MalformedDataException(dataDir + ": not a directory");
        }
        try (Stream<Path> paths = Files.walk(dataDir, 2)) {
            return paths.filter(p -> p.getNameCount() - dataDir.getNameCount() == 2)
                    .filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileRun runFile(Path in, Path out, String name) {
        try {
            Files.createDirectories(out.getParent());
            try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                    BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                return new FileRun(name, score(reader, writer, name));
            }
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scores one NAB-format stream with a fresh detector; returns the rows scored. */
    int score(BufferedReader reader, Writer writer, String name) throws IOException {
        SeriesAnomalyDetector detector = new SeriesAnomalyDetector(settings);
        String header = reader.readLine();
        if (header == null || !header.strip().replace(" ", "").equalsIgnoreCase("timestamp,value")) {
            throw new MalformedDataException(name + ":1: expected the header timestamp,value");
        }
        writer.write("timestamp,value,anomaly_score\n");
        int rows = 0;
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                throw new MalformedDataException(name + ":" + lineNumber + ": expected two fields, timestamp,value");
            }
            String timestamp = line.substring(0, comma).strip();
            String text = line.substring(comma + 1).strip();
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new MalformedDataException(
                        name + ":" + lineNumber + ": value '" + abbreviate(text) + "' is not a number");
            }
            double score = detector.observe(value).score();
            writer.write(timestamp + "," + text + "," + String.format(Locale.ROOT, "%.6f", score) + "\n");
            rows++;
        }
        return rows;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
