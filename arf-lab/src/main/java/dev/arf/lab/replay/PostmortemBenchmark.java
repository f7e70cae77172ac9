package dev.arf.lab.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays a list of outage timelines (each twice, see {@link OutageReplay}), on as many threads as
 * there are processors: every replay has its own engine and virtual clock, so they are independent
 * and the results do not depend on the order they finish in. Tells a listener as each finishes, for
 * a progress bar.
 */
public final class PostmortemBenchmark {
    /** Hears each replay finish; called from the replaying threads, one call at a time. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /**
         * @param done how many replays have finished, this one included
         */
        default void replayed(OutageReplay replay, int done, int total) {}
    }

    private final OutageReplayer replayer;

    public PostmortemBenchmark(OutageReplayer replayer) {
        this.replayer = replayer;
    }

    /** The replays in the order of {@code timelines}. */
    public List<OutageReplay> run(List<OutageTimeline> timelines, Progress progress) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), timelines.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "arf-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<OutageReplay>> futures = new ArrayList<>();
            for (OutageTimeline timeline : timelines) {
                futures.add(pool.submit(() -> {
                    OutageReplay replay = replayer.replayBoth(timeline);
                    synchronized (progress) {
                        progress.replayed(replay, done.incrementAndGet(), timelines.size());
                    }
                    return replay;
                }));
            }
            List<OutageReplay> replays = new ArrayList<>();
            for (Future<OutageReplay> f : futures) {
                replays.add(f.get());
            }
            return List.copyOf(replays);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
