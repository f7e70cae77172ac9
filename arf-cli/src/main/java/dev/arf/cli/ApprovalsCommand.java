package dev.arf.cli;

import dev.arf.core.approval.ApprovalBook;
import dev.arf.core.approval.ApprovalRequest;
import dev.arf.store.JdbcReliabilityStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "approvals",
        description = "Restricted actions waiting for a person: list them, approve or deny with your identity.",
        mixinStandardHelpOptions = true,
        subcommands = {ApprovalsCommand.ListCommand.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Deny.class})
final class ApprovalsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The book over the store; its expiry applies only to requests it opens, so any value works here. */
    static ApprovalBook book(JdbcReliabilityStore store) {
        return new ApprovalBook(store, store.audit(), Clock.systemUTC(), Duration.ofHours(1));
    }

    /** A request as the server describes it, printed as {@link #print(ApprovalRequest, PrintWriter)} does. */
    static void print(tools.jackson.databind.JsonNode r, PrintWriter out) {
        String decidedBy = r.hasNonNull("decided_by") ? r.get("decided_by").asString() : null;
        java.util.List<String> approvers = new java.util.ArrayList<>();
        r.get("approvers").forEach(a -> approvers.add(a.asString()));
        out.printf(
                "%-15s %-9s %-18s %-14s by %-20s expires %s%s%n",
                r.get("id").asString(),
                r.get("state").asString().toUpperCase(java.util.Locale.ROOT),
                r.get("action").get("type").asString(),
                r.get("action").get("target").asString(),
                String.join(",", approvers),
                r.get("expires_at").asString(),
                decidedBy == null ? "" : "  (" + r.get("state").asString() + " by " + decidedBy + ")");
    }

    static void print(ApprovalRequest r, PrintWriter out) {
        out.printf(
                "%-15s %-9s %-18s %-14s by %-20s expires %s%s%n",
                r.id(),
                r.state(),
                r.action().type().key(),
                r.action().target(),
                String.join(",", r.approvers()),
                r.expiresAt(),
                r.decidedBy() == null ? "" : "  (" + r.state().name().toLowerCase() + " by " + r.decidedBy() + ")");
    }

    @Command(
            name = "list",
            description = "Open requests (pending or approved, not yet used); --all for every request.",
            mixinStandardHelpOptions = true)
    static final class ListCommand implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        ServerOptions server;

        @Option(names = "--all", description = "Include decided, used and expired requests.")
        boolean all;

        @Override
        public Integer call() {
            if (server.remote()) {
                PrintWriter out = spec.commandLine().getOut();
                tools.jackson.databind.JsonNode items = server.client()
                        .get("/api/v1/approvals?limit=1000" + (all ? "&all=true" : ""))
                        .get("items");
                if (items.isEmpty()) {
                    out.println(all ? "no approval requests" : "no open approval requests");
                }
                items.forEach(r -> print(r, out));
                out.flush();
                return 0;
            }
            try (JdbcReliabilityStore store = data.open()) {
                book(store).expireDue();
                List<ApprovalRequest> requests = store.approvals(!all, 1_000);
                PrintWriter out = spec.commandLine().getOut();
                if (requests.isEmpty()) {
                    out.println(all ? "no approval requests" : "no open approval requests");
                }
                requests.forEach(r -> print(r, out));
                out.flush();
            }
            return 0;
        }
    }

    abstract static class Decide implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "ID", description = "The request, e.g. APR-1A2B3C4D5E.")
        String id;

        @Mixin
        ServerOptions server;

        @Option(
                names = "--as",
                paramLabel = "NAME",
                description = "Who decides (recorded on the audit trail); required on a data directory. With"
                        + " --server the identity is the API token's name.")
        String who;

        @Option(names = "--note", defaultValue = "", description = "Why.")
        String note;

        abstract ApprovalRequest decide(ApprovalBook book);

        /** {@code approve} or {@code deny}: the API's verb. */
        abstract String verb();

        @Override
        public Integer call() {
            if (server.remote()) {
                if (who != null) {
                    spec.commandLine()
                            .getErr()
                            .println("arf approvals: with --server the identity is the API token's name; drop --as");
                    return 2;
                }
                try {
                    tools.jackson.databind.JsonNode decided = server.client()
                            .post(
                                    "/api/v1/approvals/"
                                            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                                            + "/" + verb(),
                                    java.util.Map.of("note", note));
                    print(decided, spec.commandLine().getOut());
                    spec.commandLine().getOut().flush();
                    return 0;
                } catch (ApiClient.ApiException e) {
                    spec.commandLine().getErr().println("arf approvals: " + e.getMessage());
                    return 2;
                }
            }
            if (who == null) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "Missing required option: '--as=NAME' (who decides)");
            }
            try (JdbcReliabilityStore store = data.open()) {
                ApprovalRequest decided;
                try {
                    decided = decide(book(store));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    spec.commandLine().getErr().println("arf approvals: " + e.getMessage());
                    return 2;
                }
                print(decided, spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(
            name = "approve",
            description = "Approve a request; the action runs when its gates next allow it.",
            mixinStandardHelpOptions = true)
    static final class Approve extends Decide {
        @Override
        ApprovalRequest decide(ApprovalBook book) {
            return book.approve(id, who, note);
        }

        @Override
        String verb() {
            return "approve";
        }
    }

    @Command(name = "deny", description = "Deny a request.", mixinStandardHelpOptions = true)
    static final class Deny extends Decide {
        @Override
        ApprovalRequest decide(ApprovalBook book) {
            return book.deny(id, who, note);
        }

        @Override
        String verb() {
            return "deny";
        }
    }
}
