package dev.arf.cli;

import picocli.CommandLine;

/** Entry point of the {@code arf} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ArfCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof dev.arf.config.ConfigException config) {
                config.problems().forEach(p -> cmd.getErr().println(p));
                return 2;
            }
            cmd.getErr().println("arf: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cl;
    }
}
