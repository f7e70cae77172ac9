package dev.arf.cli;

import dev.arf.config.ConfigException;
import dev.arf.config.PolicyLoader;
import dev.arf.core.policy.DefaultPolicies;
import dev.arf.core.policy.HealingPolicy;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which healing policies the engine uses: the built-ins, or a validated YAML file. */
final class PolicyOptions {
    @Option(
            names = "--policies",
            paramLabel = "FILE",
            description = "Healing policies from this YAML file instead of the built-ins"
                    + " (format: arf-config/README.md).")
    Path file;

    /**
     * @throws ConfigException naming file, line, column and field of every problem
     */
    List<HealingPolicy> load() {
        return file == null
                ? DefaultPolicies.all()
                : new PolicyLoader().load(file).policies();
    }
}
