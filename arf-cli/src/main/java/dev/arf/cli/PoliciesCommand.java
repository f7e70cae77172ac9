package dev.arf.cli;

import dev.arf.config.ConfigException;
import dev.arf.config.PolicyLoader;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingAction;
import dev.arf.core.policy.HealingPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "policies",
        description = "Show the built-in healing policies, or validate a policy file.",
        mixinStandardHelpOptions = true,
        subcommands = {PoliciesCommand.ListPolicies.class, PoliciesCommand.Validate.class})
final class PoliciesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void print(List<HealingPolicy> policies, PrintWriter out) {
        for (HealingPolicy p : policies) {
            out.printf(
                    "%-44s priority %d, cooldown %ds, at most %d/h%s%n",
                    p.name(),
                    p.priority(),
                    p.cooldown().toSeconds(),
                    p.maxExecutionsPerHour(),
                    p.enabled() ? "" : " (disabled)");
            out.println("    when   "
                    + String.join(
                            " and ",
                            p.conditions().stream().map(Object::toString).toList())
                    + (p.causes().isEmpty() ? "" : " and cause is " + String.join(" or ", p.causes()))
                    + (p.services().isEmpty() ? "" : " on " + String.join(", ", p.services())));
            out.println("    do     "
                    + String.join(
                            ", ", p.actions().stream().map(HealingAction::key).toList()));
        }
        out.flush();
    }

    @Command(name = "list", description = "List the built-in healing policies.", mixinStandardHelpOptions = true)
    static final class ListPolicies implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            print(DefaultPolicies.all(), spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(
            name = "validate",
            description = "Validate a policy file against the schema; print every problem with file, line,"
                    + " column and field. Exit code 0 when valid, 2 when not.",
            mixinStandardHelpOptions = true)
    static final class Validate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The YAML policy file.")
        Path file;

        @Override
        public Integer call() {
            try {
                List<HealingPolicy> policies = new PolicyLoader().load(file).policies();
                spec.commandLine().getOut().println(file + ": " + policies.size() + " valid policies");
                print(policies, spec.commandLine().getOut());
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                return 2;
            }
        }
    }
}
