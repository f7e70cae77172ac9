package dev.arf.cli;

import picocli.CommandLine.Option;

/**
 * {@code --server URL}: run a command against a running {@code arf serve} instead of a data directory
 * (which the server holds), authenticated with the API token in the {@code ARF_TOKEN} environment
 * variable — never on the command line, where other users' {@code ps} would show it.
 */
final class ServerOptions {
    static final String TOKEN_VARIABLE = "ARF_TOKEN";

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "Ask a running 'arf serve' at this URL (e.g. http://127.0.0.1:8080) instead of"
                    + " opening the store; the API token comes from ARF_TOKEN.")
    String url;

    boolean remote() {
        return url != null;
    }

    ApiClient client() {
        String token = System.getenv(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(
                    "--server needs an API token in the " + TOKEN_VARIABLE + " environment variable");
        }
        return new ApiClient(url, token.trim());
    }
}
