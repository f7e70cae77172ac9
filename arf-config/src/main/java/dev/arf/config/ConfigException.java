package dev.arf.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file was refused. {@link #problems()} lists everything found wrong, in file order,
 * never empty; the message renders them one per line.
 */
public final class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = problems.stream().sorted(ConfigProblem.BY_POSITION).toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        return problems.stream()
                .sorted(ConfigProblem.BY_POSITION)
                .map(ConfigProblem::toString)
                .collect(Collectors.joining("\n"));
    }
}
