package dev.arf.bench;

import dev.arf.core.detect.AnomalyDetector;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.detect.RcfSettings;
import java.util.Locale;

/**
 * Retained heap per service of the detector's state. Usage: {@code DetectorFootprint [services]
 * [rcf on|off] [trees] [sampleSize] [boundingBoxCacheFraction]}. Each service gets enough events to
 * pass the baseline warm-up and fill its forest's sample; then the heap in use after a full GC is
 * compared with the heap in use before.
 */
public final class DetectorFootprint {
    private static final long TWO_GB = 2L * 1024 * 1024 * 1024;

    private DetectorFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        boolean rcf = args.length <= 1 || !"off".equals(args[1]);
        RcfSettings defaults = RcfSettings.defaults();
        int trees = args.length > 2 ? Integer.parseInt(args[2]) : defaults.numberOfTrees();
        int sampleSize = args.length > 3 ? Integer.parseInt(args[3]) : defaults.sampleSize();
        double cache = args.length > 4 ? Double.parseDouble(args[4]) : defaults.boundingBoxCacheFraction();
        RcfSettings rcfSettings = defaults.withForest(trees, sampleSize)
                .withBoundingBoxCacheFraction(cache)
                .withEnabled(rcf);
        DetectorSettings settings = DetectorSettings.builder().rcf(rcfSettings).build();

        long before = usedAfterGc();
        AnomalyDetector detector = new AnomalyDetector(settings);
        DetectionData data = new DetectionData(services, 7L);
        int perService = settings.baseline().warmUpSamples() + sampleSize + 64;
        long start = System.nanoTime();
        for (long i = 0; i < (long) services * perService; i++) {
            detector.observe(data.nextEvent());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The generated data is not detector state: let it go before measuring.
        data = null;
        long after = usedAfterGc();
        double perServiceBytes = (double) (after - before) / detector.serviceCount();
        double projected = perServiceBytes * 10_000;
        System.out.printf(
                Locale.ROOT,
                "services=%d rcf=%s trees=%d sampleSize=%d cache=%.2f events/service=%d%n",
                services,
                rcf ? "on" : "off",
                trees,
                sampleSize,
                cache,
                perService);
        System.out.printf(
                Locale.ROOT,
                "fed %d events in %.1f s (%.1f µs/event)%n",
                (long) services * perService,
                seconds,
                seconds * 1e6 / ((long) services * perService));
        System.out.printf(Locale.ROOT, "retained heap per service: %.1f KB%n", perServiceBytes / 1024);
        System.out.printf(
                Locale.ROOT,
                "10,000 services: %.0f MB -> %s a 2 GB heap%n",
                projected / (1024 * 1024),
                projected < TWO_GB * 0.8 ? "fits in" : "does NOT fit in");
        if (detector.serviceCount() != services) {
            throw new IllegalStateException("expected " + services + " services");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
