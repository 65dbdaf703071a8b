package dev.berth.core.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * A readiness or health check: a shell command run in the task's sandbox (exit 0 = pass) every
 * {@code interval}, first after {@code delay}, each run given {@code timeout}. Health checks count
 * {@code maxFailures} consecutive failures before the task is killed.
 */
public record CheckSpec(String cmd, Duration interval, Duration delay, Duration timeout, int maxFailures) {
    public CheckSpec {
        Objects.requireNonNull(cmd, "cmd");
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        delay = delay == null ? Duration.ZERO : delay;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxFailures = maxFailures <= 0 ? 3 : maxFailures;
    }
}
