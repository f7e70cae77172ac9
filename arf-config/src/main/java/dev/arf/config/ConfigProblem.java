package dev.arf.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a configuration file, where it is and why.
 *
 * @param source the file name (or the name given for an in-memory document)
 * @param line 1-based; 1 for problems with the whole file
 * @param column 1-based; 1 for problems with the whole file
 * @param field where in the document, e.g. {@code policies[1].conditions[0].operator} (indexes
 *     0-based); {@code document} for the whole document
 * @param message what is wrong, for people
 */
public record ConfigProblem(String source, int line, int column, String field, String message) {
    static final Comparator<ConfigProblem> BY_POSITION = Comparator.comparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column)
            .thenComparing(ConfigProblem::field)
            .thenComparing(ConfigProblem::message);

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: field: message}, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + field + ": " + message;
    }
}
