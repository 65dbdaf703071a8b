package dev.berth.core.agent;

import dev.berth.core.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Removes the sandboxes (and checkpoint records) of tasks that ended, under the agent's
 * {@link SandboxLimits}: each {@code gcDelay} after its task ended, and, while the disk that holds them
 * is fuller than the watermark, the oldest at once, one by one, until it is not or none is left. A task's
 * age is the time of its terminal status, which the checkpoint keeps, so a restarted agent goes on with
 * the same ages. A running task's sandbox is never touched ({@link TaskRunner#forget} refuses it).
 */
final class SandboxGc {
    private static final Logger LOG = Logger.getLogger(SandboxGc.class);

    private final TaskRunner runner;
    private final SandboxLimits limits;
    private final DoubleSupplier diskUsed;
    private final Clock clock;

    /**
     * @param diskUsed the fraction of the sandboxes' disk in use now (see {@link #diskOf}); a test may measure
     *                 a pretend disk instead of filling a real one
     */
    SandboxGc(TaskRunner runner, SandboxLimits limits, DoubleSupplier diskUsed, Clock clock) {
        this.runner = runner;
        this.limits = limits;
        this.diskUsed = diskUsed;
        this.clock = clock;
    }

    /** The fraction in use of the file system that holds {@code dir}; 0 when it cannot be measured. */
    static DoubleSupplier diskOf(Path dir) {
        return () -> {
            try {
                FileStore store = Files.getFileStore(Files.exists(dir) ? dir : dir.getParent());
                long total = store.getTotalSpace();
                return total <= 0 ? 0 : 1.0 - (double) store.getUsableSpace() / total;
            } catch (IOException | RuntimeException e) {
                return 0; // nothing measured, nothing removed early; the delay still applies
            }
        };
    }

    /** One pass; returns how many sandboxes it removed. */
    int collect() {
        List<TaskStatus> ended = runner.statuses().stream().filter(s -> s.state().isTerminal())
                .sorted(Comparator.comparing(TaskStatus::timestamp))
                .toList();
        Instant due = clock.instant().minus(limits.gcDelay());
        int removed = 0;
        for (TaskStatus s : ended) {
            boolean old = !s.timestamp().isAfter(due);
            double used = old ? 0 : diskUsed.getAsDouble();
            if (!old && used <= limits.diskWatermark()) {
                break; // oldest first: every later one is younger still
            }
            if (runner.forget(s.taskId())) {
                removed++;
                if (old) {
                    LOG.debugf("sandbox of task %s removed: it ended at %s, more than %s ago", s.taskId(),
                            s.timestamp(), limits.gcDelay());
                } else {
                    LOG.infof("sandbox of task %s removed early: the disk is %.1f%% full, above the watermark of"
                            + " %.1f%%", s.taskId(), used * 100, limits.diskWatermark() * 100);
                }
            }
        }
        return removed;
    }
}
