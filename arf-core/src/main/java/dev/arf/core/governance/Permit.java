package dev.arf.core.governance;

import dev.arf.core.execute.Action;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token an {@link dev.arf.core.execute.Actuator} requires: proof that one exact action passed the
 * governance gate. Only this package can mint one (the constructor is package-private and an
 * architecture test pins it to the gates), so no path reaches an actuator without the Guardian.
 *
 * <p>A permit is spent once: {@link #redeem} hands the action to the actuator the first time and
 * refuses every later call, so a permit replayed by mistake cannot act twice.
 */
public final class Permit {
    private final Action action;
    private final Instant issuedAt;
    private final String issuer;
    private final AtomicBoolean redeemed = new AtomicBoolean();

    Permit(Action action, Instant issuedAt, String issuer) {
        this.action = Objects.requireNonNull(action, "action");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The action this permit allows, to look at; acting on it needs {@link #redeem}. */
    public Action action() {
        return action;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** Which gate issued it: {@code guardian} or {@code ungoverned}. */
    public String issuer() {
        return issuer;
    }

    public boolean redeemed() {
        return redeemed.get();
    }

    /**
     * Spends the permit and returns its action.
     *
     * @throws IllegalStateException if it was already spent
     */
    public Action redeem() {
        if (!redeemed.compareAndSet(false, true)) {
            throw new IllegalStateException("permit for " + action.idempotencyKey() + " was already used");
        }
        return action;
    }

    @Override
    public String toString() {
        return "Permit[" + action.type().key() + " on " + action.target() + ", " + action.idempotencyKey() + ", by "
                + issuer + " at " + issuedAt + "]";
    }
}
