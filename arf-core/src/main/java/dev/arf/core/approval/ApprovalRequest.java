package dev.arf.core.approval;

import dev.arf.core.execute.Action;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A restricted action waiting for a person. The approval is bound to the exact action: {@code
 * fingerprint} covers its kind, target and parameters, and only an action with the same fingerprint
 * may use it (a changed action needs a new approval).
 *
 * @param decidedBy who approved or denied it, null while pending
 */
public record ApprovalRequest(
        String id,
        String fingerprint,
        Action action,
        String operation,
        List<String> approvers,
        String reason,
        Instant requestedAt,
        Instant expiresAt,
        ApprovalState state,
        String decidedBy,
        Instant decidedAt,
        String note) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(operation, "operation");
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        note = note == null ? "" : note;
    }

    /** What an approval is bound to: the action's kind, target and parameters (not its key or time). */
    public static String fingerprint(Action action) {
        String text = action.type().key() + "|" + action.target() + "|" + new TreeMap<>(action.parameters());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    public static ApprovalRequest pending(
            String id,
            Action action,
            String operation,
            List<String> approvers,
            String reason,
            Instant now,
            Instant expires) {
        return new ApprovalRequest(
                id,
                fingerprint(action),
                action,
                operation,
                approvers,
                reason,
                now,
                expires,
                ApprovalState.PENDING,
                null,
                null,
                "");
    }

    /**
     * The lifecycle's one transition function.
     *
     * @throws IllegalApprovalTransitionException for a move the lifecycle does not allow
     */
    public ApprovalRequest moveTo(ApprovalState to, String who, Instant at, String why) {
        boolean allowed = switch (state) {
            case PENDING -> to == ApprovalState.APPROVED || to == ApprovalState.DENIED || to == ApprovalState.EXPIRED;
            case APPROVED -> to == ApprovalState.EXECUTED || to == ApprovalState.EXPIRED;
            case DENIED, EXPIRED, EXECUTED -> false;
        };
        if (!allowed) {
            throw new IllegalApprovalTransitionException(id, state, to);
        }
        boolean decision = to == ApprovalState.APPROVED || to == ApprovalState.DENIED;
        return new ApprovalRequest(
                id,
                fingerprint,
                action,
                operation,
                approvers,
                reason,
                requestedAt,
                expiresAt,
                to,
                decision ? who : decidedBy,
                decision ? at : decidedAt,
                why == null || why.isEmpty() ? note : why);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** For the audit trail. */
    public Map<String, String> describe() {
        return Map.of(
                "approval",
                id,
                "action",
                action.type().key(),
                "target",
                action.target(),
                "operation",
                operation,
                "approvers",
                String.join(",", approvers),
                "fingerprint",
                fingerprint);
    }
}
