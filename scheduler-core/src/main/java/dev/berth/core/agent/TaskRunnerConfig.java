package dev.berth.core.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TaskRunner}: the agent's work directory (sandboxes live in
 * {@code <workDir>/sandboxes}), how often ended processes are looked for, how often limits are
 * checked (and logs rotated, and sandboxes of ended tasks collected), how long a wrapper may take to
 * start the command before the launch counts as failed, and what of the sandboxes is kept
 * ({@link SandboxLimits}).
 */
public record TaskRunnerConfig(Path workDir, Duration exitPollInterval, Duration monitorInterval,
        Duration startTimeout, SandboxLimits sandboxLimits) {

    public TaskRunnerConfig {
        Objects.requireNonNull(workDir, "workDir");
        workDir = workDir.toAbsolutePath().normalize();
        exitPollInterval = positive(exitPollInterval, Duration.ofMillis(200));
        monitorInterval = positive(monitorInterval, Duration.ofSeconds(1));
        startTimeout = positive(startTimeout, Duration.ofSeconds(10));
        sandboxLimits = sandboxLimits == null ? SandboxLimits.DEFAULTS : sandboxLimits;
    }

    public TaskRunnerConfig(Path workDir, Duration exitPollInterval, Duration monitorInterval, Duration startTimeout) {
        this(workDir, exitPollInterval, monitorInterval, startTimeout, null);
    }

    /** Poll exits every 200 ms, check limits every second, give a wrapper 10 s to start, default sandbox limits. */
    public static TaskRunnerConfig defaults(Path workDir) {
        return new TaskRunnerConfig(workDir, null, null, null, null);
    }

    public TaskRunnerConfig withIntervals(Duration exitPoll, Duration monitor) {
        return new TaskRunnerConfig(workDir, exitPoll, monitor, startTimeout, sandboxLimits);
    }

    public TaskRunnerConfig withSandboxLimits(SandboxLimits limits) {
        return new TaskRunnerConfig(workDir, exitPollInterval, monitorInterval, startTimeout, limits);
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
