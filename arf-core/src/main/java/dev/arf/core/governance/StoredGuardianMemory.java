package dev.arf.core.governance;

import dev.arf.core.policy.HealingAction;
import dev.arf.core.store.ReliabilityStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Guardian's memory as a setting in the store, one line per item with free-text fields
 * Base64-encoded: {@code E millis kind target same-key idempotency-key} for an execution, {@code B
 * service failures opened-millis|- trial} for a breaker, {@code F target|kind misses
 * blocked-until|-} for an ineffective fix, {@code L target owner acquired expires} for a lock. A line
 * that cannot be read is a corrupted memory, and loading fails loudly rather than forgetting a
 * cooldown or an open breaker silently.
 */
public final class StoredGuardianMemory implements GuardianMemory {
    public static final String SETTING = "guardian_state";
    private static final String NONE = "-";

    private final ReliabilityStore store;

    public StoredGuardianMemory(ReliabilityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public GuardianState load() {
        String text = store.setting(SETTING).orElse("");
        List<GateExecution> executions = new ArrayList<>();
        Map<String, GuardianState.Breaker> breakers = new HashMap<>();
        Map<String, GuardianState.FixRecord> fixes = new HashMap<>();
        Map<String, GuardianState.TargetLock> locks = new HashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "E" -> executions.add(execution(f[1], f[2], f[3], f[4], f[5]));
                    case "B" ->
                        breakers.put(
                                decode(f[1]),
                                new GuardianState.Breaker(Integer.parseInt(f[2]), instant(f[3]), f[4].equals("1")));
                    case "F" ->
                        fixes.put(decode(f[1]), new GuardianState.FixRecord(Integer.parseInt(f[2]), instant(f[3])));
                    case "L" ->
                        locks.put(
                                decode(f[1]),
                                new GuardianState.TargetLock(
                                        decode(f[2]),
                                        Instant.ofEpochMilli(Long.parseLong(f[3])),
                                        Instant.ofEpochMilli(Long.parseLong(f[4]))));
                    // Written before breakers and locks existed: executions only, keyed by their same-key.
                    default -> executions.add(execution(f[0], f[1], f[2], f[3], f[3]));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the Guardian's stored memory is corrupt at line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new GuardianState(executions, breakers, fixes, locks);
    }

    @Override
    public void save(GuardianState state) {
        StringBuilder text = new StringBuilder();
        Instant latest = Instant.EPOCH;
        for (GateExecution e : state.executions()) {
            line(text, "E", Long.toString(e.at().toEpochMilli()), e.type().key(), encode(e.target()))
                    .append(' ')
                    .append(encode(e.sameKey()))
                    .append(' ')
                    .append(encode(e.idempotencyKey()))
                    .append('\n');
            latest = e.at().isAfter(latest) ? e.at() : latest;
        }
        state.breakers()
                .forEach((service, b) -> line(
                                text, "B", encode(service), Integer.toString(b.failures()), millis(b.openedAt()))
                        .append(' ')
                        .append(b.trialInFlight() ? "1" : "0")
                        .append('\n'));
        state.fixes()
                .forEach(
                        (key, r) -> line(text, "F", encode(key), Integer.toString(r.misses()), millis(r.blockedUntil()))
                                .append('\n'));
        state.locks()
                .forEach((target, l) -> line(
                                text,
                                "L",
                                encode(target),
                                encode(l.owner()),
                                Long.toString(l.acquiredAt().toEpochMilli()))
                        .append(' ')
                        .append(l.expiresAt().toEpochMilli())
                        .append('\n'));
        store.saveSetting(SETTING, text.toString(), latest);
    }

    private static StringBuilder line(StringBuilder text, String kind, String a, String b, String c) {
        return text.append(kind)
                .append(' ')
                .append(a)
                .append(' ')
                .append(b)
                .append(' ')
                .append(c);
    }

    private static GateExecution execution(String millis, String kind, String target, String sameKey, String key) {
        return new GateExecution(
                Instant.ofEpochMilli(Long.parseLong(millis)),
                decode(target),
                HealingAction.byKey(kind).orElseThrow(() -> new IllegalArgumentException("unknown action " + kind)),
                decode(sameKey),
                decode(key));
    }

    private static Optional<Instant> instant(String text) {
        return text.equals(NONE) ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
    }

    private static String millis(Optional<Instant> at) {
        return at.map(i -> Long.toString(i.toEpochMilli())).orElse(NONE);
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
