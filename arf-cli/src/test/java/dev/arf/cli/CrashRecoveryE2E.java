package dev.arf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arf.core.approval.ApprovalRequest;
import dev.arf.core.approval.ApprovalState;
import dev.arf.core.audit.AuditEvents;
import dev.arf.core.audit.AuditRecord;
import dev.arf.store.JdbcReliabilityStore;
import dev.arf.store.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's crash test. A governed ARF process ({@link CrashHarness}: the simulator's scenarios back
 * to back, blueprints that reserve the database's restart for the DBA team) is killed with SIGKILL
 * while an approval request waits and while an action is inside the actuator (its change made, its
 * call not yet returned); then it is started again on the same data directory, and killed again the
 * same way. After each death the audit chain verifies ({@code arf audit verify}) and the pending
 * approval requests are still pending; the restarted engine waits on the same requests, under the
 * same ids, instead of opening new ones. At the end, the harness's journal of what its actuator was
 * handed — forced to disk before the simulator acts — names no idempotency key twice, every journalled
 * action has its {@code ORCH_INTENT} record on the chain (written before the act, and it survived
 * the crash), every outcome on the chain was journalled, and only the two actions caught by the kills
 * have an intent without an outcome.
 *
 * <p>The harness opens the embedded store the way {@code arf demo} does ({@link
 * Stores.EmbeddedCommits#CRITICAL_WRITTEN}: audit records, approvals and settings are in the
 * database file before their calls return), and once with every commit written. With H2's plain
 * background writer ({@code DELAYED}) a killed process lost the commits of its last half second,
 * intents and approval requests included — which is why that is no longer the default.
 */
class CrashRecoveryE2E {
    /** Generous: a life normally gets there in two or three seconds. */
    private static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(90);

    private static final Path BLUEPRINTS = Path.of("..", "examples", "blueprints-sim");
    /** How the JDK on Linux reports a process killed by signal 9: 128 + 9. */
    private static final int KILLED = 137;

    private static final String EOF = "<end of output>";

    @TempDir
    Path temp;

    @Test
    void aKilledProcessLosesNoIntentRunsNoActionTwiceAndKeepsItsPendingApprovals() throws Exception {
        killTwiceAndCheck(Stores.EmbeddedCommits.CRITICAL_WRITTEN);
    }

    @Test
    void soDoesOneThatWritesEveryCommit() throws Exception {
        killTwiceAndCheck(Stores.EmbeddedCommits.WRITTEN);
    }

    private void killTwiceAndCheck(Stores.EmbeddedCommits commits) throws Exception {
        Path dataDir = temp.resolve("data");
        Path journal = temp.resolve("actions.journal");

        Life first = killInFlight(dataDir, journal, 1, commits);
        assertThat(first.approvals())
                .as("approval requests the first life waited on")
                .isNotEmpty();
        int journalledInFirstLife = journal(journal).size();
        assertTheChainVerifies(dataDir);
        assertStillPending(dataDir, first.approvals());

        Life second = killInFlight(dataDir, journal, 2, commits);
        assertThat(second.approvals())
                .as("the restarted engine proposed the same restricted actions and found their requests still"
                        + " pending, under the same ids")
                .containsAll(first.approvals());
        assertThat(journal(journal).size())
                .as("actions carried out in the second life")
                .isGreaterThan(journalledInFirstLife + 1);
        assertTheChainVerifies(dataDir);
        assertStillPending(dataDir, second.approvals());

        Map<String, Long> journalled = journal(journal);
        assertThat(journalled).containsKeys(first.inFlight(), second.inFlight());
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            List<AuditRecord> chain = new ArrayList<>();
            AuditCommand.all(store.audit()).forEach(chain::add);

            assertEveryJournalledActionHasItsIntent(journalled, chain);
            assertEveryOutcomeOnTheChainWasJournalled(journalled, chain);
            assertOnlyTheActionsInFlightAtTheKillsHaveNoOutcome(chain, Set.of(first.inFlight(), second.inFlight()));
            assertOneRequestPerActionEachAuditedOnceAndStillPending(store.approvals(false, 10_000), chain);
        }
    }

    /** What one life of the harness told: the approvals it waited on and the action it was killed in. */
    private record Life(List<String> approvals, String inFlight) {}

    /**
     * Starts one life of the harness, waits until it is READY and then inside an action (IN_FLIGHT),
     * and kills it there with SIGKILL.
     */
    private Life killInFlight(Path dataDir, Path journal, int life, Stores.EmbeddedCommits commits) throws Exception {
        Path stderr = temp.resolve("life-" + life + ".err");
        Process harness = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashHarness.class.getName(),
                        dataDir.toString(),
                        journal.toString(),
                        BLUEPRINTS.toString(),
                        Integer.toString(life),
                        commits.name().toLowerCase(Locale.ROOT))
                .redirectError(stderr.toFile())
                .start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> readLines(harness, lines));
            List<String> approvals = new ArrayList<>();
            boolean ready = false;
            String inFlight = null;
            long deadline = System.nanoTime() + IN_FLIGHT_TIMEOUT.toNanos();
            while (inFlight == null) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF) || line.startsWith("EXHAUSTED")) {
                    throw new AssertionError("life " + life + " of the harness never got to an action in flight"
                            + " after READY (last line: " + line + "); stderr:\n" + tail(stderr));
                }
                if (line.startsWith("APPROVAL ")) {
                    approvals.add(line.substring("APPROVAL ".length()));
                } else if (line.equals("READY")) {
                    ready = true;
                } else if (line.startsWith("IN_FLIGHT ")) {
                    assertThat(ready).as("an action is held only after READY").isTrue();
                    inFlight = line.substring("IN_FLIGHT ".length());
                }
            }
            harness.destroyForcibly();
            assertThat(harness.waitFor(30, TimeUnit.SECONDS))
                    .as("life %d died when killed", life)
                    .isTrue();
            assertThat(harness.isAlive()).isFalse();
            assertThat(harness.exitValue()).as("killed by SIGKILL").isEqualTo(KILLED);
            reader.join(Duration.ofSeconds(10));
            return new Life(approvals, inFlight);
        } finally {
            harness.destroyForcibly();
        }
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died mid-line
        }
        lines.add(EOF);
    }

    /** {@code arf audit verify}, in-process, as a person would run it after the crash. */
    private static void assertTheChainVerifies(Path dataDir) {
        CommandLineRun run = arf("audit", "verify", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("intact: ");
    }

    private static void assertStillPending(Path dataDir, List<String> approvalIds) {
        try (JdbcReliabilityStore store = Stores.embedded(dataDir)) {
            Map<String, ApprovalState> states = new LinkedHashMap<>();
            for (String id : approvalIds) {
                states.put(id, store.approval(id).map(ApprovalRequest::state).orElse(null));
            }
            assertThat(states)
                    .as("approval requests after the crash")
                    .allSatisfy((id, state) -> assertThat(state).as(id).isEqualTo(ApprovalState.PENDING));
        }
    }

    /** Each journal line is an action the simulator was handed; its intent must be on the chain. */
    private static void assertEveryJournalledActionHasItsIntent(Map<String, Long> journalled, List<AuditRecord> chain) {
        for (Map.Entry<String, Long> action : journalled.entrySet()) {
            long sequence = action.getValue();
            assertThat(sequence)
                    .as("intent of %s: the journal names its sequence number", action.getKey())
                    .isBetween(1L, (long) chain.size());
            AuditRecord intent = chain.get((int) sequence - 1);
            assertThat(intent.entry().event())
                    .as("record %d, journalled as the intent of %s", sequence, action.getKey())
                    .isEqualTo(AuditEvents.ORCH_INTENT);
            assertThat(intent.entry().details()).containsEntry("idempotency_key", action.getKey());
        }
    }

    /** An outcome on the chain means the actuator was called, so the journal must have it. */
    private static void assertEveryOutcomeOnTheChainWasJournalled(
            Map<String, Long> journalled, List<AuditRecord> chain) {
        List<String> outcomes = chain.stream()
                .filter(CrashRecoveryE2E::isOutcome)
                .map(r -> r.entry().details().get("idempotency_key"))
                .toList();
        assertThat(outcomes).as("actions with an outcome on the chain").isNotEmpty();
        assertThat(journalled.keySet()).containsAll(outcomes);
    }

    /**
     * The action each kill caught inside the actuator has its intent and no outcome, and the restarted
     * engine neither did it again nor recorded an outcome for it: it stays an intent without an outcome
     * on the chain. Every other intent has its outcome.
     */
    private static void assertOnlyTheActionsInFlightAtTheKillsHaveNoOutcome(
            List<AuditRecord> chain, Set<String> inFlight) {
        Set<String> withOutcome = chain.stream()
                .filter(CrashRecoveryE2E::isOutcome)
                .map(r -> r.entry().details().get("idempotency_key"))
                .collect(Collectors.toSet());
        List<String> intents = chain.stream()
                .filter(r -> r.entry().event().equals(AuditEvents.ORCH_INTENT))
                .map(r -> r.entry().details().get("idempotency_key"))
                .toList();
        assertThat(intents).as("intents on the chain").doesNotHaveDuplicates();
        assertThat(intents.stream().filter(k -> !withOutcome.contains(k)).toList())
                .as("intents without an outcome")
                .containsExactlyInAnyOrderElementsOf(inFlight);
    }

    /** Each request was audited once, when opened; none was decided or expired; one per action. */
    private static void assertOneRequestPerActionEachAuditedOnceAndStillPending(
            List<ApprovalRequest> requests, List<AuditRecord> chain) {
        List<AuditRecord> approvalRecords = chain.stream()
                .filter(r -> r.entry().event().startsWith("APPROVAL_"))
                .toList();
        assertThat(approvalRecords)
                .as("approval records on the chain")
                .allSatisfy(r -> assertThat(r.entry().event()).isEqualTo("APPROVAL_REQUESTED"));
        Map<String, Long> requestedPerId = approvalRecords.stream()
                .collect(Collectors.groupingBy(r -> r.entry().details().get("approval"), Collectors.counting()));
        assertThat(requestedPerId)
                .as("APPROVAL_REQUESTED records per request")
                .containsOnlyKeys(requests.stream().map(ApprovalRequest::id).toList())
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(requests)
                .as("every request is still pending")
                .allSatisfy(r -> assertThat(r.state()).as(r.id()).isEqualTo(ApprovalState.PENDING));
        assertThat(requests.stream().map(ApprovalRequest::fingerprint).toList())
                .as("one request per action")
                .doesNotHaveDuplicates();
    }

    private static boolean isOutcome(AuditRecord r) {
        String event = r.entry().event();
        return event.equals(AuditEvents.ORCH_EXEC) || event.equals(AuditEvents.ORCH_FAILED);
    }

    /**
     * The journal: idempotency key → the sequence number of its intent. A key journalled twice (an
     * action handed to the actuator twice) fails here. A last line without its newline was cut by the
     * kill before the simulator was called, so it is not an action.
     */
    private static Map<String, Long> journal(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.removeLast();
        }
        Map<String, Long> actions = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        for (String line : lines) {
            String[] fields = line.split("\t");
            assertThat(fields).as("journal line '%s'", line).hasSize(2);
            if (actions.put(fields[0], Long.parseLong(fields[1])) != null) {
                twice.add(fields[0]);
            }
        }
        assertThat(twice).as("actions carried out twice").isEmpty();
        return actions;
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private record CommandLineRun(int exitCode, String out, String err) {}

    private static CommandLineRun arf(String... args) {
        picocli.CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
