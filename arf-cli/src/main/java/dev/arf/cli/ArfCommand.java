package dev.arf.cli;

import picocli.CommandLine.Command;

@Command(
        name = "arf",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "ARF — Agentic Reliability Framework: detect, explain and heal incidents.",
        subcommands = {
            DemoCommand.class,
            AnalyzeCommand.class,
            PoliciesCommand.class,
            AuditCommand.class,
            BlueprintCommand.class,
            GovernanceCommand.class,
            ApprovalsCommand.class,
            ActCommand.class,
            NabCommand.class,
            BenchmarkCommand.class,
            ReplayCommand.class,
            ChaosCommand.class,
            ScorecardCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            DoctorCommand.class,
            VersionCommand.class
        },
        footer = {"", "Run 'arf demo' to watch ARF detect and heal an incident on the simulated fleet."})
final class ArfCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
