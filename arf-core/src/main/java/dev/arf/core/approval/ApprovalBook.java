package dev.arf.core.approval;

import dev.arf.core.audit.AuditEntry;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.execute.Action;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Approval requests for restricted actions, kept in the store so that a person can approve from
 * another process (the CLI) while the engine runs, and audited: every request, decision, expiry and
 * use is on the audit trail before it takes effect.
 *
 * <p>One open request per action fingerprint: asking again for the same action returns the request
 * already open. An approval is used once, by an action with the same fingerprint, before it expires.
 * Thread-safe.
 */
public final class ApprovalBook {
    /** How many open requests are looked at; more than this open at once is a backlog, not a workflow. */
    private static final int OPEN_LIMIT = 10_000;

    private final ApprovalStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration ttl;

    public ApprovalBook(ApprovalStore store, AuditLog audit, Clock clock, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("approval expiry must be positive, got " + ttl);
        }
        this.ttl = ttl;
    }

    /** Opens a request for {@code action}, or returns the one already open for the same action. */
    public synchronized ApprovalRequest request(
            Action action, String operation, List<String> approvers, String reason) {
        expireDue();
        String fingerprint = ApprovalRequest.fingerprint(action);
        Optional<ApprovalRequest> open = openFor(fingerprint);
        if (open.isPresent()) {
            return open.get();
        }
        Instant now = clock.instant();
        ApprovalRequest request = ApprovalRequest.pending(
                "APR-" + hash(fingerprint + "|" + now).substring(0, 10).toUpperCase(Locale.ROOT),
                action,
                operation,
                approvers,
                reason,
                now,
                now.plus(ttl));
        record(request, "APPROVAL_REQUESTED", action.source());
        return request;
    }

    public synchronized ApprovalRequest approve(String id, String who, String note) {
        return decide(id, ApprovalState.APPROVED, who, note);
    }

    public synchronized ApprovalRequest deny(String id, String who, String note) {
        return decide(id, ApprovalState.DENIED, who, note);
    }

    /** Whether an unexpired approval for exactly this action is waiting to be used. */
    public synchronized boolean isApproved(Action action) {
        expireDue();
        return openFor(ApprovalRequest.fingerprint(action))
                .filter(r -> r.state() == ApprovalState.APPROVED)
                .isPresent();
    }

    /** Uses the approval for this action (once): it becomes EXECUTED. Empty when there is none. */
    public synchronized Optional<ApprovalRequest> use(Action action) {
        expireDue();
        Optional<ApprovalRequest> approved =
                openFor(ApprovalRequest.fingerprint(action)).filter(r -> r.state() == ApprovalState.APPROVED);
        approved.ifPresent(r -> record(
                r.moveTo(ApprovalState.EXECUTED, null, clock.instant(), "used by " + action.idempotencyKey()),
                "APPROVAL_USED",
                action.source()));
        return approved;
    }

    /** Closes every open request whose time is up; returns them. */
    public synchronized List<ApprovalRequest> expireDue() {
        Instant now = clock.instant();
        List<ApprovalRequest> expired = new ArrayList<>();
        for (ApprovalRequest r : store.approvals(true, OPEN_LIMIT)) {
            if (r.expiredAt(now)) {
                ApprovalRequest closed =
                        r.moveTo(ApprovalState.EXPIRED, null, now, "expired unused at " + r.expiresAt());
                record(closed, "APPROVAL_EXPIRED", "engine");
                expired.add(closed);
            }
        }
        return expired;
    }

    public List<ApprovalRequest> open() {
        return store.approvals(true, OPEN_LIMIT);
    }

    private ApprovalRequest decide(String id, ApprovalState to, String who, String note) {
        Objects.requireNonNull(who, "who");
        if (who.isBlank()) {
            throw new IllegalArgumentException("an approval decision needs the identity of who makes it");
        }
        expireDue();
        ApprovalRequest request =
                store.approval(id).orElseThrow(() -> new IllegalArgumentException("no approval request " + id));
        ApprovalRequest decided = request.moveTo(to, who, clock.instant(), note);
        record(decided, to == ApprovalState.APPROVED ? "APPROVAL_GRANTED" : "APPROVAL_DENIED", "person:" + who);
        return decided;
    }

    private Optional<ApprovalRequest> openFor(String fingerprint) {
        return store.approvals(true, OPEN_LIMIT).stream()
                .filter(r -> r.fingerprint().equals(fingerprint))
                .findFirst();
    }

    /** Audit first, then the state change: nothing about an approval happens without a record. */
    private void record(ApprovalRequest request, String event, String actor) {
        audit.append(new AuditEntry(clock.instant(), event, request.action().target(), actor, request.describe()));
        store.saveApproval(request);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
