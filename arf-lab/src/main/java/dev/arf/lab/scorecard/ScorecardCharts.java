package dev.arf.lab.scorecard;

import dev.arf.lab.chaos.ExperimentResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The scorecard's PNG charts (XChart, headless). */
final class ScorecardCharts {
    private ScorecardCharts() {}

    /** MTTD and MTTR in minutes per experiment, with the targets as reference series. */
    static void times(ScorecardReport r, Path file) throws IOException {
        headless();
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(520)
                .title("MTTD and MTTR per experiment (targets: MTTD < 3 min, MTTR < 20 min)")
                .xAxisTitle("experiment")
                .yAxisTitle("minutes")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> names = new ArrayList<>();
        List<Double> mttd = new ArrayList<>();
        List<Double> mttr = new ArrayList<>();
        for (ExperimentResult e : r.experiments()) {
            names.add(e.experiment());
            mttd.add(e.timeToDetect().map(d -> d.toSeconds() / 60.0).orElse(0.0));
            mttr.add(e.timeToRecover().map(d -> d.toSeconds() / 60.0).orElse(0.0));
        }
        chart.addSeries("MTTD (0 = not detected)", names, mttd);
        chart.addSeries(
                "MTTR (0 = the steady state did not break; 20+ = held again only when the fault was taken out)",
                names,
                mttr);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Incidents opened per soak hour. */
    static void soak(ScorecardReport r, Path file) throws IOException {
        headless();
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(420)
                .title("Soak with no fault: incidents opened per hour ("
                        + r.soak().hoursWithIncident() + " of " + r.soak().hours() + " hours with an incident open)")
                .xAxisTitle("hour")
                .yAxisTitle("incidents")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<Integer> hours = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int h = 0; h < r.soak().hours(); h++) {
            hours.add(h);
            counts.add(r.soak().openedPerHour().get(h));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler()
                .setYAxisMax(Math.max(
                        1.0, counts.stream().mapToInt(Integer::intValue).max().orElse(1)));
        chart.addSeries("incidents opened", hours, counts);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
