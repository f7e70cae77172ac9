package dev.arf.bench;

import dev.arf.core.detect.AnomalyDetector;
import dev.arf.core.detect.DetectorSettings;
import dev.arf.core.detect.RcfSettings;
import java.util.Locale;

/**
 * Retained heap per service of the detector's state. Usage: {@code DetectorFootprint [services]
 * [rcf on|off] [trees] [sampleSize] [cachedForests]}. Each service gets enough events to pass the
 * baseline warm-up and fill its forest's sample; then the heap in use after a full GC is compared with
 * the heap in use before. Run it with {@code -Xmx2g} and 10,000 services to prove they fit: it either
 * finishes or dies with an OutOfMemoryError. The first {@code cachedForests} services get cached
 * (large, fast) forests, the rest compact ones, so the per-service average depends on the count.
 */
public final class DetectorFootprint {
    private DetectorFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        boolean rcf = args.length <= 1 || !"off".equals(args[1]);
        RcfSettings defaults = RcfSettings.defaults();
        int trees = args.length > 2 ? Integer.parseInt(args[2]) : defaults.numberOfTrees();
        int sampleSize = args.length > 3 ? Integer.parseInt(args[3]) : defaults.sampleSize();
        int cachedForests = args.length > 4 ? Integer.parseInt(args[4]) : defaults.cachedForests();
        RcfSettings rcfSettings = defaults.withForest(trees, sampleSize)
                .withCachedForests(cachedForests)
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
        System.out.printf(
                Locale.ROOT,
                "services=%d rcf=%s trees=%d sampleSize=%d cachedForests=%d events/service=%d%n",
                services,
                rcf ? "on" : "off",
                trees,
                sampleSize,
                cachedForests,
                perService);
        System.out.printf(
                Locale.ROOT,
                "fed %d events in %.1f s (%.1f µs/event)%n",
                (long) services * perService,
                seconds,
                seconds * 1e6 / ((long) services * perService));
        System.out.printf(
                Locale.ROOT,
                "retained heap: %.0f MB in all, %.1f KB per service (max heap %d MB)%n",
                (after - before) / (1024.0 * 1024),
                perServiceBytes / 1024,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
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
