package dev.arf.core.governance;

import dev.arf.core.policy.HealingAction;
import dev.arf.core.store.ReliabilityStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The Guardian's memory as a setting in the store: one line per execution, {@code epoch-millis
 * kind target same-key} with the free-text fields Base64-encoded. A line that cannot be read is a
 * corrupted memory, and loading fails loudly rather than forgetting cooldowns silently.
 */
public final class StoredGuardianMemory implements GuardianMemory {
    public static final String SETTING = "guardian_state";

    private final ReliabilityStore store;

    public StoredGuardianMemory(ReliabilityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public List<GateExecution> load() {
        String text = store.setting(SETTING).orElse("");
        List<GateExecution> executions = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            try {
                executions.add(new GateExecution(
                        Instant.ofEpochMilli(Long.parseLong(f[0])),
                        decode(f[2]),
                        HealingAction.byKey(f[1])
                                .orElseThrow(() -> new IllegalArgumentException("unknown action " + f[1])),
                        decode(f[3])));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the Guardian's stored memory is corrupt at line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return executions;
    }

    @Override
    public void save(List<GateExecution> lastHour) {
        StringBuilder text = new StringBuilder();
        for (GateExecution e : lastHour) {
            text.append(e.at().toEpochMilli())
                    .append(' ')
                    .append(e.type().key())
                    .append(' ')
                    .append(encode(e.target()))
                    .append(' ')
                    .append(encode(e.sameKey()))
                    .append('\n');
        }
        store.saveSetting(
                SETTING,
                text.toString(),
                lastHour.isEmpty()
                        ? Instant.EPOCH
                        : lastHour.get(lastHour.size() - 1).at());
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
