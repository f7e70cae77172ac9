package dev.arf.cli;

import dev.arf.core.access.ApiToken;
import dev.arf.core.access.ApiTokens;
import dev.arf.core.access.IssuedToken;
import dev.arf.core.access.Role;
import dev.arf.store.JdbcReliabilityStore;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "token",
        description = "API tokens for 'arf serve': create (the secret is printed once), list, revoke.",
        mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ApiTokens tokens(JdbcReliabilityStore store) {
        return new ApiTokens(store.apiTokens(), store.audit(), Clock.systemUTC(), new SecureRandom());
    }

    static void print(PrintWriter out, String id, String name, String role, String created, String revoked) {
        out.printf(
                "%-15s %-9s %-24s created %s%s%n",
                id, role, name, created, revoked == null ? "" : "  REVOKED " + revoked);
    }

    @Command(
            name = "create",
            description = "Create a token and print its secret once (only its hash is stored).",
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        ServerOptions server;

        @Option(names = "--role", required = true, description = "viewer, operator, approver or admin.")
        String role;

        @Option(names = "--name", description = "Who holds it (recorded when they approve or act; default: the role).")
        String name;

        @Override
        public Integer call() {
            Role r = Role.byKey(role)
                    .orElseThrow(() -> new picocli.CommandLine.ParameterException(
                            spec.commandLine(),
                            "--role: one of viewer, operator, approver, admin; got '" + role + "'"));
            String holder = name != null ? name : r.key();
            PrintWriter out = spec.commandLine().getOut();
            if (server.remote()) {
                JsonNode created = server.client().post("/api/v1/tokens", Map.of("name", holder, "role", r.key()));
                out.println(
                        "created " + created.get("token").get("id").asString() + " (" + r.key() + ", " + holder + ")");
                out.println("token: " + created.get("secret").asString());
            } else {
                try (JdbcReliabilityStore store = data.open()) {
                    IssuedToken issued = tokens(store).create(holder, r, "person:" + GovernanceCommand.who(null));
                    out.println("created " + issued.token().id() + " (" + r.key() + ", " + holder + ")");
                    out.println("token: " + issued.secret());
                }
            }
            out.println("It is shown this once; use it as Authorization: Bearer <token> (the CLI reads ARF_TOKEN).");
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "Every token (never a secret), revoked ones included.",
            mixinStandardHelpOptions = true)
    static final class ListTokens implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (server.remote()) {
                for (JsonNode t : server.client().get("/api/v1/tokens").get("items")) {
                    print(
                            out,
                            t.get("id").asString(),
                            t.get("name").asString(),
                            t.get("role").asString(),
                            t.get("created_at").asString(),
                            t.hasNonNull("revoked_at") ? t.get("revoked_at").asString() : null);
                }
            } else {
                try (JdbcReliabilityStore store = data.open()) {
                    List<ApiToken> all = tokens(store).list();
                    if (all.isEmpty()) {
                        out.println("no tokens (arf serve creates an admin token on its first start)");
                    }
                    for (ApiToken t : all) {
                        print(
                                out,
                                t.id(),
                                t.name(),
                                t.role().key(),
                                t.createdAt().toString(),
                                t.revoked() ? t.revokedAt().toString() : null);
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "revoke",
            description = "Revoke a token: its holder is refused from then on.",
            mixinStandardHelpOptions = true)
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", description = "The token's id, e.g. TOK-1A2B3C4D5E.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (server.remote()) {
                try {
                    server.client()
                            .delete("/api/v1/tokens/"
                                    + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
                } catch (ApiClient.ApiException e) {
                    spec.commandLine().getErr().println("arf token revoke: " + e.getMessage());
                    return e.status() == 404 ? 1 : 2;
                }
            } else {
                try (JdbcReliabilityStore store = data.open()) {
                    if (tokens(store)
                            .revoke(id, "person:" + GovernanceCommand.who(null))
                            .isEmpty()) {
                        spec.commandLine().getErr().println("arf token revoke: no token " + id);
                        return 1;
                    }
                }
            }
            out.println("revoked " + id);
            out.flush();
            return 0;
        }
    }
}
