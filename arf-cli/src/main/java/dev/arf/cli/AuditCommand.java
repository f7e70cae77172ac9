package dev.arf.cli;

import dev.arf.core.audit.AuditChain;
import dev.arf.core.audit.AuditLog;
import dev.arf.core.audit.AuditRecord;
import dev.arf.store.AuditJsonl;
import dev.arf.store.JdbcReliabilityStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        description = "The hash-chained audit trail: verify it, export it as JSONL, show its end.",
        mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Tail.class})
final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final int PAGE = 10_000;

    /** The whole chain, read page by page so a long chain never sits in memory at once. */
    static Iterable<AuditRecord> all(AuditLog log) {
        return () -> new Iterator<>() {
            private long next = 1;
            private List<AuditRecord> page = List.of();
            private int index;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                page = log.read(next, PAGE);
                index = 0;
                return !page.isEmpty();
            }

            @Override
            public AuditRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AuditRecord r = page.get(index++);
                next = r.sequence() + 1;
                return r;
            }
        };
    }

    static String describe(AuditRecord r) {
        return String.format(
                "%6d  %s  %-22s %-16s %-34s %s",
                r.sequence(),
                r.entry().at(),
                r.entry().event(),
                r.entry().subject(),
                r.entry().actor(),
                r.entry().details());
    }

    @Command(
            name = "verify",
            description = "Check that no record was modified, removed, inserted or reordered; name the first bad"
                    + " one. Exit code 0 only when the chain is intact.",
            mixinStandardHelpOptions = true)
    static final class Verify implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(
                names = "--file",
                paramLabel = "FILE",
                description = "Verify an exported JSONL file instead of the store.")
        Path file;

        @Override
        public Integer call() throws IOException {
            AuditChain.Verification v;
            String where;
            if (file != null) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    v = AuditChain.verify(AuditJsonl.read(in, file.toString()));
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("arf audit verify: " + e.getMessage());
                    return 1;
                }
                where = file.toString();
            } else {
                try (JdbcReliabilityStore store = data.open()) {
                    v = AuditChain.verify(all(store.audit()));
                }
                where = data.describe();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (v.intact()) {
                out.println("intact: " + v.checked() + " records in " + where);
                return 0;
            }
            out.println(
                    "TAMPERED: " + where + ": first bad record " + v.firstBad().orElseThrow() + ": " + v.problem()
                            + " (" + v.checked() + " records before it are intact)");
            return 1;
        }
    }

    @Command(
            name = "export",
            description = "Write the chain as JSONL, one record per line.",
            mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--format", defaultValue = "jsonl", description = "Output format: ${COMPLETION-CANDIDATES}.")
        Format format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write here instead of standard output.")
        Path output;

        enum Format {
            jsonl
        }

        @Override
        public Integer call() throws IOException {
            try (JdbcReliabilityStore store = data.open()) {
                if (output == null) {
                    Writer out = spec.commandLine().getOut();
                    AuditJsonl.write(all(store.audit()), out);
                    out.flush();
                } else {
                    try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                        AuditJsonl.write(all(store.audit()), out);
                    }
                    spec.commandLine().getErr().println("wrote " + store.audit().size() + " records to " + output);
                }
            }
            return 0;
        }
    }

    @Command(name = "tail", description = "Show the last records of the chain.", mixinStandardHelpOptions = true)
    static final class Tail implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(
                names = {"-n", "--lines"},
                defaultValue = "20",
                description = "How many records (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(
                names = {"-f", "--follow"},
                description = "Keep printing records as they are appended, until interrupted (PostgreSQL, or the"
                        + " process that holds the embedded store).")
        boolean follow;

        @Option(
                names = "--poll",
                defaultValue = "PT1S",
                description = "How often --follow looks for new records, ISO-8601 (default: ${DEFAULT-VALUE}).")
        java.time.Duration poll;

        @Option(
                names = "--max-new",
                defaultValue = "9223372036854775807",
                description = "With --follow: stop after this many new records (for scripts).")
        long maxNew;

        @Override
        public Integer call() throws InterruptedException {
            if (lines < 1 || lines > 100_000) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--lines must be 1..100000, got " + lines);
            }
            if (poll.isNegative() || poll.isZero() || maxNew < 1) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--poll must be positive and --max-new at least 1");
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            try (JdbcReliabilityStore store = data.open()) {
                AuditLog log = store.audit();
                long from = Math.max(1, log.size() - lines + 1);
                List<AuditRecord> records = new ArrayList<>(log.read(from, lines));
                records.forEach(r -> out.println(describe(r)));
                out.flush();
                long next = records.isEmpty()
                        ? from
                        : records.get(records.size() - 1).sequence() + 1;
                long printed = 0;
                while (follow && printed < maxNew) {
                    List<AuditRecord> fresh = log.read(next, (int) Math.min(1_000, maxNew - printed));
                    for (AuditRecord r : fresh) {
                        out.println(describe(r));
                        next = r.sequence() + 1;
                        printed++;
                    }
                    out.flush();
                    if (fresh.isEmpty()) {
                        Thread.sleep(poll.toMillis());
                    }
                }
            }
            return 0;
        }
    }
}
