package dev.berth.core.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * A readiness or health check as an agent runs it: a shell command in the task's sandbox (exit 0 =
 * pass) every {@code interval}, first after {@code delay}, each run given {@code timeout}; a health
 * check kills the task after {@code maxFailures} failures in a row. A framework fills it from its own
 * spec (the SDK's {@code CheckSpec}, whose defaults apply there); the agent needs no spec to run it.
 */
public record CheckInfo(String cmd, Duration interval, Duration delay, Duration timeout, int maxFailures) {
    public CheckInfo {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(timeout, "timeout");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures: '" + maxFailures + "' is not valid; expected 1 or more");
        }
    }
}
