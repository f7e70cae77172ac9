package dev.arf.bench;

import dev.arf.core.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded telemetry for the detection benchmarks: {@code services} services, a ring of pre-generated
 * metric vectors per service (mostly normal, a rare spike), replayed with ever-increasing event
 * times so that no event is ever late. Only the event record and its timestamp are made per call.
 */
final class DetectionData {
    static final int SLOTS_PER_SERVICE = 512;
    private static final long T0 = Instant.parse("2025-03-01T00:00:00Z").getEpochSecond();
    private static final double[] MEAN = {50, 90, 120, 0.01, 500, 0.40, 0.50};
    private static final double[] SD = {2, 4, 5, 0.001, 10, 0.02, 0.01};

    final String[] names;
    /** values[slot][metric], slot = sample * services + service. */
    final double[][] values;
    /** The same vectors as z-scores against the generator's mean and spread, for RCF alone. */
    final float[][] normalised;

    private long next;

    DetectionData(int services, long seed) {
        names = new String[services];
        for (int s = 0; s < services; s++) {
            names[s] = "service-" + s;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int slots = services * SLOTS_PER_SERVICE;
        values = new double[slots][7];
        normalised = new float[slots][7];
        for (int k = 0; k < slots; k++) {
            boolean spike = rnd.nextInt(200) == 0;
            for (int m = 0; m < 7; m++) {
                double v = MEAN[m] + SD[m] * rnd.nextGaussian();
                if (spike && m <= 2) {
                    v *= 4;
                }
                values[k][m] = Math.max(0, Math.min(m == 3 || m >= 5 ? 1 : Double.MAX_VALUE, v));
                normalised[k][m] = (float) ((values[k][m] - MEAN[m]) / SD[m]);
            }
        }
    }

    int services() {
        return names.length;
    }

    /** The next event in replay order: services interleaved, each one's events 10 s apart. */
    TelemetryEvent nextEvent() {
        long i = next++;
        int slot = (int) (i % values.length);
        double[] v = values[slot];
        return new TelemetryEvent(
                names[slot % names.length],
                Instant.ofEpochSecond(T0 + 10 * (i / names.length)),
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                Map.of(),
                Map.of());
    }

    /** The next slot index, in the same replay order, for the RCF-alone benchmark. */
    int nextSlot() {
        return (int) (next++ % values.length);
    }
}
