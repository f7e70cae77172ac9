package dev.arf.lab.replay;

import dev.arf.core.agents.ServiceProfile;
import dev.arf.core.telemetry.Metric;
import dev.arf.core.telemetry.TelemetryEvent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A timeline as a reader finds it, field by field with positions, checked as it is filled; {@link
 * #build} turns it into an {@link OutageTimeline} or fails with every problem found. Shared by the
 * JSON and CSV readers so both formats obey one set of rules.
 */
final class TimelineDraft {
    static final int MAX_POINTS = 10_000;
    static final double MAX_SPAN_MINUTES = 1_440;
    static final double MAX_HOLD_MINUTES = 240;
    static final double DEFAULT_HOLD_MINUTES = 15;
    static final int MAX_TEXT = 20_000;

    static final Set<String> TEXT_FIELDS = Set.of(
            "id",
            "name",
            "date",
            "postmortem_url",
            "service",
            "description",
            "postmortem_says",
            "reconstruction_notes");
    static final Set<String> NUMBER_FIELDS = Set.of("impact_start_minute", "hold_after_minutes");
    static final Set<String> PROFILE_FIELDS =
            Set.of("revenue_per_minute", "requests_per_user_per_minute", "latency_budget_ms");

    /** Short names accepted for metrics, as seed 000 writes its timelines. */
    static final Map<String, Metric> ALIASES =
            Map.of("latency", Metric.LATENCY_P99, "cpu", Metric.CPU_UTIL, "memory", Metric.MEMORY_UTIL);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** A 1-based position in the file. */
    record At(int line, int column) {
        static final At START = new At(1, 1);
    }

    /** One point as read: its minute and metrics, each with where it was written. */
    static final class PointDraft {
        final int index;
        final At at;
        Double minute;
        At minuteAt;
        /** A problem was reported within this point: later checks of the whole point stay quiet. */
        boolean faulty;

        final EnumMap<Metric, Double> values = new EnumMap<>(Metric.class);

        PointDraft(int index, At at) {
            this.index = index;
            this.at = at;
        }
    }

    private final String source;
    private final List<TimelineProblem> problems = new ArrayList<>();
    private final Map<String, String> texts = new java.util.HashMap<>();
    private final Map<String, Double> numbers = new java.util.HashMap<>();
    private final Map<String, Double> profile = new java.util.HashMap<>();
    private At profileAt;
    private final List<PointDraft> points = new ArrayList<>();
    private At end = At.START;

    TimelineDraft(String source) {
        this.source = source;
    }

    static Optional<Metric> metric(String key) {
        return Metric.byKey(key).or(() -> Optional.ofNullable(ALIASES.get(key)));
    }

    static String knownMetricNames() {
        List<String> names = new ArrayList<>();
        for (Metric m : Metric.values()) {
            names.add(m.key());
        }
        names.addAll(new java.util.TreeSet<>(ALIASES.keySet()));
        return String.join(", ", names);
    }

    void problem(At at, String field, String message) {
        if (problems.size() < 100) {
            problems.add(new TimelineProblem(source, at.line(), at.column(), field, message));
        }
    }

    /** A problem within one point, which then is not checked as a whole. */
    void problem(PointDraft point, At at, String field, String message) {
        point.faulty = true;
        problem(at, field, message);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    TimelineException failure() {
        return new TimelineException(problems);
    }

    /** Where the file ends, for problems with the whole timeline (too few points). */
    void end(At at) {
        this.end = at;
    }

    void text(String key, String value, At at) {
        if (value.length() > MAX_TEXT) {
            problem(at, key, "at most " + MAX_TEXT + " characters, got " + value.length());
            return;
        }
        String v = value.strip();
        switch (key) {
            case "id" -> {
                if (!ID.matcher(v).matches()) {
                    problem(at, key, "1 to 64 of a-z, 0-9 and '-', starting with a letter or digit; got '" + v + "'");
                    return;
                }
            }
            case "date" -> {
                try {
                    LocalDate.parse(v);
                } catch (DateTimeParseException e) {
                    problem(at, key, "a date as YYYY-MM-DD, got '" + v + "'");
                    return;
                }
            }
            case "postmortem_url" -> {
                if (!(v.startsWith("https://") || v.startsWith("http://"))
                        || v.chars().anyMatch(c -> c <= ' ')) {
                    problem(at, key, "an http(s) address without spaces, got '" + v + "'");
                    return;
                }
            }
            case "service" -> {
                if (!TelemetryEvent.SERVICE_NAME.matcher(v).matches()) {
                    problem(
                            at,
                            key,
                            "a service name of letters, digits and . _ : / - (at most 128, starting with a"
                                    + " letter or digit), got '" + v + "'");
                    return;
                }
            }
            default -> {}
        }
        if (texts.putIfAbsent(key, v) != null) {
            problem(at, key, "given twice");
        }
    }

    void number(String key, double value, At at) {
        if (!Double.isFinite(value)) {
            problem(at, key, "must be a finite number");
            return;
        }
        if (key.equals("hold_after_minutes") && (value < 0 || value > MAX_HOLD_MINUTES)) {
            problem(at, key, "0 to " + fmt(MAX_HOLD_MINUTES) + " minutes, got " + fmt(value));
            return;
        }
        if (numbers.putIfAbsent(key, value) != null) {
            problem(at, key, "given twice");
        }
    }

    void profileStarts(At at) {
        profileAt = at;
    }

    void profile(String key, double value, At at) {
        String field = "profile." + key;
        if (!Double.isFinite(value)) {
            problem(at, field, "must be a finite number");
        } else if (key.equals("revenue_per_minute") ? value < 0 : value <= 0) {
            problem(at, field, key.equals("revenue_per_minute") ? "must be 0 or more" : "must be more than 0");
        } else if (profile.putIfAbsent(key, value) != null) {
            problem(at, field, "given twice");
        }
        if (profileAt == null) {
            profileAt = at;
        }
    }

    /** Starts the next point, or returns null (with a problem) when the file has too many. */
    PointDraft newPoint(At at) {
        if (points.size() >= MAX_POINTS) {
            if (points.size() == MAX_POINTS) {
                problem(at, "points", "at most " + MAX_POINTS + " points");
                points.add(new PointDraft(points.size(), at));
            }
            return null;
        }
        PointDraft p = new PointDraft(points.size(), at);
        points.add(p);
        return p;
    }

    void minute(PointDraft p, double value, At at) {
        String field = "points[" + p.index + "].minute";
        if (!Double.isFinite(value)) {
            problem(p, at, field, "must be a finite number");
        } else if (p.minute != null) {
            problem(p, at, field, "given twice");
        } else {
            p.minute = value;
            p.minuteAt = at;
        }
    }

    /** Records one metric of a point; {@code key} is a metric name or alias (checked by the caller). */
    void metric(PointDraft p, Metric metric, String key, double value, At at) {
        String field = "points[" + p.index + "]." + key;
        if (!Double.isFinite(value)) {
            problem(p, at, field, "must be a finite number");
        } else if (metric.isRatio() && (value < 0 || value > 1)) {
            problem(p, at, field, "a fraction between 0 and 1, got " + fmt(value));
        } else if (value < 0) {
            problem(p, at, field, "must be 0 or more (" + metric.unit() + "), got " + fmt(value));
        } else if (p.values.putIfAbsent(metric, value) != null) {
            problem(p, at, field, metric.key() + " given twice for this point");
        }
    }

    static String defaultId(String source) {
        String name = source.replaceAll(".*[/\\\\]", "").replaceFirst("\\.[^.]*$", "");
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (id.length() > 64) {
            id = id.substring(0, 64).replaceAll("-+$", "");
        }
        return id.isEmpty() ? "timeline" : id;
    }

    OutageTimeline build() {
        List<TimelinePoint> built = new ArrayList<>();
        PointDraft previous = null;
        for (PointDraft p : points) {
            if (p.index >= MAX_POINTS) {
                break;
            }
            if (p.minute == null) {
                if (!p.faulty) {
                    problem(p.at, "points[" + p.index + "].minute", "missing: every point needs its minute");
                }
                continue;
            }
            if (p.values.isEmpty() && !p.faulty) {
                problem(p.at, "points[" + p.index + "]", "no metric given; known: " + knownMetricNames());
            }
            if (previous != null && p.minute <= previous.minute) {
                problem(
                        p.minuteAt,
                        "points[" + p.index + "].minute",
                        "minutes must increase: " + fmt(p.minute) + " comes after " + fmt(previous.minute));
                continue;
            }
            previous = p;
            built.add(new TimelinePoint(p.minute, p.values));
        }
        if (points.size() < 2 && !hasProblems()) {
            problem(end, "points", "at least two points are needed, got " + points.size());
        }
        if (!hasProblems()) {
            double first = built.get(0).minute();
            double last = built.get(built.size() - 1).minute();
            if (last - first > MAX_SPAN_MINUTES) {
                problem(
                        end,
                        "points",
                        "the points may span at most " + fmt(MAX_SPAN_MINUTES) + " minutes, they span "
                                + fmt(last - first));
            }
            double impact = numbers.getOrDefault("impact_start_minute", 0.0);
            if (impact < first || impact > last) {
                problem(
                        At.START,
                        "impact_start_minute",
                        "must lie within the timeline, minutes " + fmt(first) + " to " + fmt(last) + "; got "
                                + fmt(impact) + (numbers.containsKey("impact_start_minute") ? "" : " (the default)"));
            }
        }
        Optional<ServiceProfile> serviceProfile = Optional.empty();
        if (!profile.isEmpty() || profileAt != null) {
            for (String key : new java.util.TreeSet<>(PROFILE_FIELDS)) {
                if (!profile.containsKey(key)) {
                    problem(profileAt == null ? At.START : profileAt, "profile." + key, "missing");
                }
            }
            if (!hasProblems()) {
                serviceProfile = Optional.of(new ServiceProfile(
                        profile.get("revenue_per_minute"),
                        profile.get("requests_per_user_per_minute"),
                        profile.get("latency_budget_ms")));
            }
        }
        if (hasProblems()) {
            throw failure();
        }
        String id = texts.getOrDefault("id", defaultId(source));
        return new OutageTimeline(
                id,
                texts.getOrDefault("name", id),
                texts.getOrDefault("date", ""),
                texts.getOrDefault("postmortem_url", ""),
                texts.getOrDefault("service", "service"),
                texts.getOrDefault("description", ""),
                numbers.getOrDefault("impact_start_minute", 0.0),
                texts.getOrDefault("postmortem_says", ""),
                texts.getOrDefault("reconstruction_notes", ""),
                serviceProfile,
                numbers.getOrDefault("hold_after_minutes", DEFAULT_HOLD_MINUTES),
                built);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e15) {
            return java.math.BigDecimal.valueOf(v)
                    .round(new java.math.MathContext(8))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
