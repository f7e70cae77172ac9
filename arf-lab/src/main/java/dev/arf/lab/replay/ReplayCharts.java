package dev.arf.lab.replay;

import dev.arf.core.telemetry.Metric;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of replays (XChart, headless): per outage the telemetry ARF was fed, minutes from
 * customer impact on the x axis, latency in ms on the left axis, the ratios (and throughput as a
 * share of its starting level) in % on the right, with customer impact and ARF's detection marked;
 * and a summary bar chart of detection lead (negative) or lag per outage.
 */
final class ReplayCharts {
    /** How many minutes of the steady lead-in the chart shows before the first reconstructed point. */
    private static final double LEAD_IN_SHOWN = 10;

    private static final Map<Metric, Color> COLOURS = Map.of(
            Metric.LATENCY_P99, new Color(0x1f77b4),
            Metric.LATENCY_P95, new Color(0x6baed6),
            Metric.LATENCY_P50, new Color(0x08306b),
            Metric.ERROR_RATE, new Color(0xd62728),
            Metric.THROUGHPUT, new Color(0x7f7f7f),
            Metric.CPU_UTIL, new Color(0x9467bd),
            Metric.MEMORY_UTIL, new Color(0x8c564b));
    private static final Color IMPACT = Color.BLACK;
    private static final Color DETECTED = new Color(0x2ca02c);
    private static final Color ABRUPT = new Color(0xff7f0e);

    private ReplayCharts() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Draws a small chart into memory: loads AWT and the fonts, the slow part of the first chart. */
    static void warmUp() {
        try {
            XYChart chart =
                    new XYChartBuilder().width(64).height(64).title("warm-up").build();
            chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
            BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException | Error e) {
            // only a head start: the real charts report their own failures
        }
    }

    static void outage(OutageReplay replay, Path png) throws IOException {
        ReplayResult r = replay.reconstructed();
        OutageTimeline t = r.timeline();
        XYChart chart = new XYChartBuilder()
                .width(1150)
                .height(520)
                .title(t.name())
                .xAxisTitle("minutes from customer impact")
                .build();
        chart.setYAxisGroupTitle(0, "latency (ms)");
        chart.setYAxisGroupTitle(1, "% (throughput: % of its starting level)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 110.0);
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().putYAxisGroupDecimalPatternMap(0, "#,##0");
        chart.getStyler().putYAxisGroupDecimalPatternMap(1, "0");
        chart.getStyler().setXAxisDecimalPattern("0");

        List<ReplayedSample> shown = r.samples().stream()
                .filter(s -> s.minute() >= t.firstMinute() - LEAD_IN_SHOWN)
                .toList();
        double[] x = shown.stream()
                .mapToDouble(s -> s.minute() - t.impactStartMinute())
                .toArray();
        boolean anyLatency = false;
        for (Metric m : t.metrics()) {
            double scale;
            String label;
            if (m == Metric.THROUGHPUT) {
                double start = shown.get(0).values().getOrDefault(m, Double.NaN);
                scale = start > 0 ? 100 / start : 0;
                label = "throughput (% of " + Metric.THROUGHPUT.format(start) + ")";
            } else if (m.isRatio()) {
                scale = 100;
                label = m.key() + " (%)";
            } else {
                scale = 1;
                label = m.key() + " (ms)";
                anyLatency = true;
            }
            double[] y = shown.stream()
                    .mapToDouble(s -> s.values().getOrDefault(m, Double.NaN) * scale)
                    .toArray();
            XYSeries series = chart.addSeries(label, x, y);
            series.setYAxisGroup(m.unit().equals("ms") ? 0 : 1);
            series.setLineColor(COLOURS.get(m));
            series.setMarker(SeriesMarkers.NONE);
        }
        if (!anyLatency) {
            chart.setYAxisGroupTitle(0, "");
        }
        vertical(chart, "customer impact", 0, IMPACT, new BasicStroke(2f));
        OptionalDouble detected = r.detectionMinute();
        if (detected.isPresent()) {
            vertical(
                    chart,
                    "ARF detected, " + ReplayReport.minute(detected.getAsDouble()),
                    detected.getAsDouble(),
                    DETECTED,
                    new BasicStroke(3f));
        } else {
            chart.setTitle(t.name() + " (ARF did not detect it)");
        }
        replay.abruptOnset()
                .filter(a -> a.detectionMinute().isPresent())
                .ifPresent(a -> vertical(
                        chart,
                        "ARF if onset abrupt, "
                                + ReplayReport.minute(a.detectionMinute().getAsDouble()),
                        a.detectionMinute().getAsDouble(),
                        ABRUPT,
                        new BasicStroke(
                                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)));
        save(chart, png);
    }

    private static void vertical(XYChart chart, String name, double x, Color colour, BasicStroke stroke) {
        XYSeries line = chart.addSeries(name, new double[] {x, x}, new double[] {0, 110});
        line.setYAxisGroup(1);
        line.setLineColor(colour);
        line.setLineStyle(stroke);
        line.setMarker(SeriesMarkers.NONE);
    }

    static void summary(List<OutageReplay> replays, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(520)
                .title("ARF's detection relative to customer impact (negative = before impact)")
                .xAxisTitle("outage")
                .yAxisTitle("minutes from customer impact")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setSeriesColors(new Color[] {DETECTED, ABRUPT});
        List<String> names = new ArrayList<>();
        List<Double> reconstructed = new ArrayList<>();
        List<Double> abrupt = new ArrayList<>();
        for (OutageReplay r : replays) {
            OptionalDouble m = r.reconstructed().detectionMinute();
            OptionalDouble a =
                    r.abruptOnset().map(ReplayResult::detectionMinute).orElse(OptionalDouble.empty());
            names.add(r.reconstructed().timeline().id()
                    + (m.isEmpty() ? " (not detected)" : "")
                    + (r.abruptOnset().isPresent() && a.isEmpty() ? " (abrupt: not detected)" : ""));
            reconstructed.add(m.isPresent() ? m.getAsDouble() : 0.0);
            abrupt.add(a.isPresent() ? a.getAsDouble() : 0.0);
        }
        chart.addSeries("as reconstructed", names, reconstructed);
        if (replays.stream().anyMatch(r -> r.abruptOnset().isPresent())) {
            chart.addSeries("abrupt onset at impact", names, abrupt);
        }
        save(chart, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) throws IOException {
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
