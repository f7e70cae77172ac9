package dev.arf.lab.replay;

import java.util.Objects;

/**
 * One thing wrong with a timeline file, where it is and why.
 *
 * @param source the file name
 * @param line 1-based; 1 for problems with the whole file
 * @param column 1-based; 1 for problems with the whole file
 * @param field where in the document, e.g. {@code points[3].error_rate}; {@code document} for the
 *     whole file
 * @param message what is wrong, for people
 */
public record TimelineProblem(String source, int line, int column, String field, String message) {
    public TimelineProblem {
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
