package dev.arf.lab.chaos;

/** How an experiment ended, judged by its steady-state hypothesis. */
public enum Outcome {
    /** The hypothesis did not hold before the fault went in, so it never went in. */
    NOT_STARTED(false),
    /** The hypothesis held throughout: the system absorbed the fault. */
    TOLERATED(false),
    /**
     * The hypothesis broke and held again (for five minutes) before the fault's scheduled end, after
     * ARF acted: ARF resolved it.
     */
    HEALED(true),
    /** The hypothesis broke and held again before the fault's scheduled end, with no action by ARF. */
    RECOVERED_WITHOUT_ARF(true),
    /** The hypothesis held again only once the fault was taken out at its scheduled end. */
    RECOVERED_AFTER_FAULT_ENDED(true),
    /** The hypothesis did not hold again by the end of the run. */
    NOT_RECOVERED(true),
    /** A safety check failed and the fault was removed. */
    ABORTED(true);

    private final boolean broken;

    Outcome(boolean broken) {
        this.broken = broken;
    }

    /** Whether the fault broke the steady state: the experiments that needed resolving. */
    public boolean broken() {
        return broken;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
