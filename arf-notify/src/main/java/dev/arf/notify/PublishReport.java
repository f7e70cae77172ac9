package dev.arf.notify;

import java.util.List;

/**
 * What publishing one notification did, per channel.
 *
 * @param queued channel and delivery id of each delivery queued (or already queued: same event again)
 * @param suppressed channels held back by the anti-spam rule, with the reason
 */
public record PublishReport(List<Queued> queued, List<Suppressed> suppressed) {
    public static final PublishReport EMPTY = new PublishReport(List.of(), List.of());

    public PublishReport {
        queued = List.copyOf(queued);
        suppressed = List.copyOf(suppressed);
    }

    public record Queued(String channel, String deliveryId) {}

    /** @param reason {@code ALERT_SUPPRESSED_ANTI_SPAM: …} */
    public record Suppressed(String channel, String reason) {}
}
