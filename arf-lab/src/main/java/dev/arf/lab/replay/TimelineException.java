package dev.arf.lab.replay;

import java.util.List;
import java.util.stream.Collectors;

/** A timeline file that cannot be replayed, with every problem found in it. */
public final class TimelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<TimelineProblem> problems;

    public TimelineException(List<TimelineProblem> problems) {
        super(problems.stream().map(TimelineProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a timeline exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<TimelineProblem> problems() {
        return problems;
    }
}
