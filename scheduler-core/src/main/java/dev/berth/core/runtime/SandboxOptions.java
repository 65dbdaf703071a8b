package dev.berth.core.runtime;

import dev.berth.core.agent.SandboxLimits;
import picocli.CommandLine.Option;

/** What an agent keeps of its tasks' sandboxes, shared by {@code berth agent} and {@code berth up}. */
public class SandboxOptions {
    @Option(names = "--sandbox-gc-delay", defaultValue = "7d", description = "how long the sandbox of a task that"
            + " ended is kept, e.g. 7d, 12h (default 7d); sooner, oldest first, when the disk is above the watermark")
    String gcDelay = "7d";

    @Option(names = "--sandbox-disk-watermark", defaultValue = "0.9", description = "the fraction of the work dir's"
            + " disk above which sandboxes of ended tasks are removed at once, oldest first (default 0.9)")
    String diskWatermark = "0.9";

    @Option(names = "--task-log-max-size", defaultValue = "10MiB", description = "a running task's stdout and stderr"
            + " are rotated past this size, e.g. 10MiB (default), 512KiB")
    String taskLogMaxSize = "10MiB";

    @Option(names = "--task-log-max-files", defaultValue = "5", description = "rotated files kept of each of a"
            + " task's stdout and stderr, stdout.1 the newest (default 5)")
    String taskLogMaxFiles = "5";

    /** The limits these options give, each value refused naming its option, the value and what is allowed. */
    SandboxLimits limits() {
        return new SandboxLimits(OptionValues.duration("--sandbox-gc-delay", gcDelay),
                OptionValues.fraction("--sandbox-disk-watermark", diskWatermark),
                OptionValues.size("--task-log-max-size", taskLogMaxSize, SandboxLimits.MIN_LOG_BYTES),
                OptionValues.count("--task-log-max-files", taskLogMaxFiles, 0, SandboxLimits.MAX_LOG_FILES));
    }
}
