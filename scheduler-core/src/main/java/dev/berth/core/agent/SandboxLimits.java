package dev.berth.core.agent;

import java.time.Duration;

/**
 * How much of its tasks' sandboxes an agent keeps. The sandbox of a task that ended is removed
 * {@code gcDelay} after it ended, or earlier, oldest first, while the disk that holds the sandboxes is
 * fuller than {@code diskWatermark} (a fraction of it); the sandbox of a task that runs is never
 * removed. (Mesos's agent does this with {@code --gc_delay}, shortened as its disk fills.) A running
 * task's {@code stdout} and {@code stderr} are rotated past {@code taskLogMaxBytes} each, keeping the newest
 * {@code taskLogMaxFiles} rotated files ({@code stdout.1} is the newest), as Mesos's logrotate container
 * logger does.
 */
public record SandboxLimits(Duration gcDelay, double diskWatermark, long taskLogMaxBytes, int taskLogMaxFiles) {
    /** A week, 90 % of the disk, 10 MiB per log, 5 rotated files. */
    public static final SandboxLimits DEFAULTS = new SandboxLimits(Duration.ofDays(7), 0.9, 10L << 20, 5);
    /** More rotated files than this would be a mistake in the option rather than a wish. */
    public static final int MAX_LOG_FILES = 100;
    /** A log smaller than this would rotate on every check. */
    public static final long MIN_LOG_BYTES = 1024;

    public SandboxLimits {
        if (gcDelay == null || gcDelay.isNegative()) {
            throw new IllegalArgumentException("sandbox gc delay: '" + gcDelay
                    + "' is not valid; expected a duration of 0 or more, such as 7d");
        }
        if (!(diskWatermark > 0 && diskWatermark <= 1)) {
            throw new IllegalArgumentException("sandbox disk watermark: '" + diskWatermark
                    + "' is not valid; expected a fraction of the disk above 0 and at most 1, such as 0.9");
        }
        if (taskLogMaxBytes < MIN_LOG_BYTES) {
            throw new IllegalArgumentException("task log max size: '" + taskLogMaxBytes
                    + " bytes' is not valid; expected " + MIN_LOG_BYTES + " bytes or more, such as 10MiB");
        }
        if (taskLogMaxFiles < 0 || taskLogMaxFiles > MAX_LOG_FILES) {
            throw new IllegalArgumentException("task log max files: '" + taskLogMaxFiles
                    + "' is not valid; expected 0 to " + MAX_LOG_FILES + ", such as 5");
        }
    }

    public SandboxLimits withGcDelay(Duration d) {
        return new SandboxLimits(d, diskWatermark, taskLogMaxBytes, taskLogMaxFiles);
    }

    public SandboxLimits withDiskWatermark(double fraction) {
        return new SandboxLimits(gcDelay, fraction, taskLogMaxBytes, taskLogMaxFiles);
    }

    public SandboxLimits withTaskLogs(long maxBytes, int maxFiles) {
        return new SandboxLimits(gcDelay, diskWatermark, maxBytes, maxFiles);
    }
}
