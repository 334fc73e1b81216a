package vn.clinicterm.terminal.config;

import java.util.Objects;

/** A configuration value that is needed is invalid or missing; the message names the key and where it was set. */
public final class ConfigException extends IllegalArgumentException {

    private final transient ConfigProblem problem;

    public ConfigException(ConfigProblem problem) {
        super(problem.describe());
        this.problem = Objects.requireNonNull(problem);
    }

    public ConfigProblem problem() {
        return problem;
    }

    /** The key at fault ({@code ""} when a whole file is). */
    public String key() {
        return problem.key().orElse("");
    }
}
