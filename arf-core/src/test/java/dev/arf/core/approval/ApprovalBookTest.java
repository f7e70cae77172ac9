package dev.arf.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.InMemoryAuditLog;
import dev.arf.core.execute.Action;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalBookTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private final VirtualClock clock = new VirtualClock(T0);
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ApprovalBook book = new ApprovalBook(store, audit, clock, Duration.ofHours(1));
    private int keys;

    private Action restart(String target) {
        return new Action(
                "k" + keys++,
                HealingAction.RESTART_CONTAINER,
                target,
                Map.of(),
                "policy:p",
                "errors",
                clock.instant(),
                Action.CERTAIN);
    }

    @Test
    void askingTwiceForTheSameActionGivesOneRequest() {
        ApprovalRequest first = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        ApprovalRequest again = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void anApprovedActionIsUsedOnceAndOnlyByTheSameAction() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        book.approve(request.id(), "alice", "go");
        assertThat(book.isApproved(restart("cache")))
                .as("another target needs its own approval")
                .isFalse();
        assertThat(book.isApproved(restart("db"))).isTrue();
        assertThat(book.use(restart("db"))).isPresent();
        assertThat(book.isApproved(restart("db"))).as("used up").isFalse();
        assertThat(store.approval(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXECUTED);
        assertThat(store.approval(request.id()).orElseThrow().decidedBy()).isEqualTo("alice");
    }

    @Test
    void aDeniedRequestCannotBeApprovedAfterwards() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        book.deny(request.id(), "bob", "not during the sale");
        assertThatThrownBy(() -> book.approve(request.id(), "alice", ""))
                .isInstanceOf(IllegalApprovalTransitionException.class)
                .hasMessageContaining("DENIED");
    }

    @Test
    void requestsExpireOnTheClockAndAnExpiredOneCannotBeApproved() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> book.approve(request.id(), "alice", ""))
                .isInstanceOf(IllegalApprovalTransitionException.class)
                .hasMessageContaining("EXPIRED");
        assertThat(book.open()).isEmpty();
    }

    @Test
    void anUnusedApprovalLapsesAtItsExpiry() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        book.approve(request.id(), "alice", "");
        clock.advance(Duration.ofHours(2));
        assertThat(book.isApproved(restart("db"))).isFalse();
    }

    @Test
    void aDecisionNeedsAnIdentity() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        assertThatThrownBy(() -> book.approve(request.id(), " ", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.approve("APR-NOPE", "alice", "")).hasMessageContaining("no approval request");
    }

    @Test
    void everyStepIsOnTheAuditTrail() {
        ApprovalRequest request = book.request(restart("db"), "restart_pods", List.of("dba"), "r");
        book.approve(request.id(), "alice", "");
        book.use(restart("db"));
        assertThat(audit.read(1, 100))
                .extracting(r -> r.entry().event())
                .containsExactly("APPROVAL_REQUESTED", "APPROVAL_GRANTED", "APPROVAL_USED");
        assertThat(AuditChain.verify(audit.read(1, 100)).intact()).isTrue();
    }

    @Test
    void nothingLeavesAFinalState() {
        ApprovalRequest executed = ApprovalRequest.pending(
                        "A", restart("db"), "restart_pods", List.of(), "r", T0, T0.plusSeconds(60))
                .moveTo(ApprovalState.APPROVED, "alice", T0, "")
                .moveTo(ApprovalState.EXECUTED, null, T0, "");
        for (ApprovalState to : ApprovalState.values()) {
            assertThatThrownBy(() -> executed.moveTo(to, "x", T0, ""))
                    .isInstanceOf(IllegalApprovalTransitionException.class);
        }
        ApprovalRequest pending =
                ApprovalRequest.pending("B", restart("db"), "restart_pods", List.of(), "r", T0, T0.plusSeconds(60));
        assertThatThrownBy(() -> pending.moveTo(ApprovalState.EXECUTED, null, T0, ""))
                .as("an action cannot use an approval nobody gave")
                .isInstanceOf(IllegalApprovalTransitionException.class);
    }
}
