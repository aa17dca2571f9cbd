package net.ipmpd.yang.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file that cannot be used; nothing from it was applied. Lists every problem found. */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<LocatedProblem> problems;

    public ConfigFileException(List<LocatedProblem> problems) {
        super(problems.stream().map(LocatedProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<LocatedProblem> problems() {
        return problems;
    }
}
