package dev.arf.lab.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One detector results file: its rows' timestamps and anomaly scores, in file order. */
record ResultsCsv(List<LocalDateTime> timestamps, double[] scores) {

    /** NAB's timestamps: {@code yyyy-MM-dd HH:mm:ss}, optionally with a fraction ({@code .000000} in the labels). */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    static LocalDateTime timestamp(String text) {
        try {
            return LocalDateTime.parse(text.strip(), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a NAB timestamp: " + text, e);
        }
    }

    /**
     * Reads the {@code timestamp} and {@code anomaly_score} columns, found by the header.
     *
     * @throws IllegalArgumentException naming the file and line if the header lacks a column or a row is malformed
     */
    static ResultsCsv read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(path + ": empty");
            }
            List<String> columns =
                    Arrays.stream(header.split(",", -1)).map(String::strip).toList();
            int time = columns.indexOf("timestamp");
            int score = columns.indexOf("anomaly_score");
            if (time < 0 || score < 0) {
                throw new IllegalArgumentException(path + ": header needs timestamp and anomaly_score: " + header);
            }
            List<LocalDateTime> timestamps = new ArrayList<>();
            double[] scores = new double[1024];
            int n = 0;
            int line = 1;
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                String[] fields = row.split(",", -1);
                if (fields.length != columns.size()) {
                    throw new IllegalArgumentException(
                            path + ":" + line + ": expected " + columns.size() + " fields: " + row);
                }
                try {
                    timestamps.add(timestamp(fields[time]));
                    if (n == scores.length) {
                        scores = Arrays.copyOf(scores, n * 2);
                    }
                    double value = Double.parseDouble(fields[score].strip());
                    if (Double.isNaN(value)) {
                        throw new IllegalArgumentException("anomaly_score is NaN");
                    }
                    scores[n++] = value;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ":" + line + ": " + e.getMessage(), e);
                }
            }
            return new ResultsCsv(List.copyOf(timestamps), Arrays.copyOf(scores, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
