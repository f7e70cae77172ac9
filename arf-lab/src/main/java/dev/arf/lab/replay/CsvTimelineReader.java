package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import dev.arf.lab.replay.TimelineDraft.At;
import dev.arf.lab.replay.TimelineDraft.PointDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a timeline written as CSV: {@code # key: value} comment lines for the outage's fields, a
 * header naming {@code minute} and the metric columns, then one row per point. An empty cell means
 * the metric is not known at that point. Plain numbers only (no quotes, no NaN).
 */
final class CsvTimelineReader {
    private static final Pattern META = Pattern.compile("#\\s*([a-z_.]+)\\s*:(.*)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /** One comma-separated cell of a line, with the column it starts at. */
    private record Cell(String text, int column) {}

    OutageTimeline read(String text, String source) {
        TimelineDraft draft = new TimelineDraft(source);
        String[] lines = text.split("\n", -1);
        List<Optional<Metric>> columns = null;
        int minuteColumn = -1;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.stripLeading().startsWith("#")) {
                metadata(line.strip(), draft, new At(lineNo, 1));
                continue;
            }
            List<Cell> cells = cells(line);
            if (columns == null) {
                columns = new ArrayList<>();
                List<String> seen = new ArrayList<>();
                for (Cell c : cells) {
                    String name = c.text().strip();
                    At at = new At(lineNo, c.column());
                    Optional<Metric> metric = TimelineDraft.metric(name);
                    if (name.equals("minute")) {
                        minuteColumn = columns.size();
                    } else if (metric.isEmpty()) {
                        draft.problem(
                                at,
                                "header",
                                "unknown column '" + name + "'; known: minute, " + TimelineDraft.knownMetricNames());
                    }
                    String canonical = metric.map(Metric::key).orElse(name);
                    if (seen.contains(canonical)) {
                        draft.problem(at, "header", "column '" + name + "' given twice");
                    }
                    seen.add(canonical);
                    columns.add(metric);
                }
                if (minuteColumn < 0) {
                    draft.problem(
                            new At(lineNo, 1),
                            "header",
                            "no 'minute' column; the header names minute and"
                                    + " the metric columns, e.g. minute,latency_p99,error_rate");
                }
                if (draft.hasProblems()) {
                    throw draft.failure();
                }
                continue;
            }
            PointDraft point = draft.newPoint(new At(lineNo, 1));
            if (point == null) {
                continue;
            }
            if (cells.size() != columns.size()) {
                draft.problem(
                        point,
                        new At(lineNo, 1),
                        "points[" + point.index + "]",
                        "row has " + cells.size() + " fields, the header has " + columns.size());
                continue;
            }
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                String value = c.text().strip();
                At at = new At(lineNo, c.column());
                if (value.isEmpty()) {
                    if (i == minuteColumn) {
                        draft.problem(point, at, "points[" + point.index + "].minute", "missing");
                    }
                    continue;
                }
                String name = i == minuteColumn
                        ? "minute"
                        : columns.get(i).orElseThrow().key();
                if (!NUMBER.matcher(value).matches()) {
                    draft.problem(
                            point, at, "points[" + point.index + "]." + name, "not a number: '" + shorten(value) + "'");
                    continue;
                }
                double v = Double.parseDouble(value);
                if (i == minuteColumn) {
                    draft.minute(point, v, at);
                } else {
                    draft.metric(point, columns.get(i).orElseThrow(), name, v, at);
                }
            }
        }
        if (columns == null) {
            draft.problem(At.START, "header", "no header line: expected e.g. minute,latency_p99,error_rate");
            throw draft.failure();
        }
        draft.end(new At(Math.max(1, lineNo), 1));
        return draft.build();
    }

    /** {@code # key: value} with a known key sets a field; any other comment is ignored. */
    private static void metadata(String line, TimelineDraft draft, At at) {
        Matcher m = META.matcher(line);
        if (!m.matches()) {
            return;
        }
        String key = m.group(1);
        String value = m.group(2).strip();
        At valueAt = new At(at.line(), line.indexOf(':') + 2);
        if (TimelineDraft.TEXT_FIELDS.contains(key)) {
            draft.text(key, value, valueAt);
        } else if (TimelineDraft.NUMBER_FIELDS.contains(key)
                || key.startsWith("profile.") && TimelineDraft.PROFILE_FIELDS.contains(key.substring(8))) {
            if (!NUMBER.matcher(value).matches()) {
                draft.problem(valueAt, key, "not a number: '" + shorten(value) + "'");
            } else if (key.startsWith("profile.")) {
                draft.profile(key.substring(8), Double.parseDouble(value), valueAt);
            } else {
                draft.number(key, Double.parseDouble(value), valueAt);
            }
        }
    }

    private static List<Cell> cells(String line) {
        List<Cell> cells = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            if (comma < 0) {
                cells.add(new Cell(line.substring(start), start + 1));
                return cells;
            }
            cells.add(new Cell(line.substring(start, comma), start + 1));
            start = comma + 1;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
