package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The terminal state of a task, decided from what is known when its process is gone: the exit status
 * the wrapper recorded (if any), whether and why the agent was killing it, and a memory limit
 * violation. One rule set for tasks the agent watched end and tasks that ended while it was down.
 */
record TaskOutcome(TaskState state, TaskStatus.Reason reason, String message, OptionalInt exitCode) {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 14, "SIGALRM", 15, "SIGTERM");

    static TaskOutcome decide(OptionalInt exitStatus, Optional<KillRequest> kill, Optional<String> memoryViolation) {
        if (kill.isPresent() && kill.get().cause() == KillRequest.Cause.MEMORY_LIMIT) {
            return new TaskOutcome(TaskState.FAILED, TaskStatus.Reason.MEMORY_LIMIT, kill.get().message(), exitStatus);
        }
        if (memoryViolation.isPresent()) {
            return new TaskOutcome(TaskState.FAILED, TaskStatus.Reason.MEMORY_LIMIT, memoryViolation.get(), exitStatus);
        }
        if (kill.isPresent()) {
            String how = exitStatus.isPresent() ? describeExit(exitStatus.getAsInt())
                    : "the task's processes were killed with SIGKILL after the grace period";
            String why = kill.get().message().isEmpty() ? "killed on request" : kill.get().message();
            return new TaskOutcome(TaskState.KILLED, TaskStatus.Reason.KILL_REQUESTED, why + "; " + how, exitStatus);
        }
        if (exitStatus.isPresent()) {
            int code = exitStatus.getAsInt();
            return new TaskOutcome(code == 0 ? TaskState.FINISHED : TaskState.FAILED,
                    TaskStatus.Reason.COMMAND_EXITED, describeExit(code), exitStatus);
        }
        return new TaskOutcome(TaskState.LOST, TaskStatus.Reason.PROCESS_VANISHED,
                "the task's process ended without recording an exit status and the agent did not kill it"
                        + " (killed from outside the agent, or the machine rebooted)", OptionalInt.empty());
    }

    /** Shells report death by signal N as status 128+N; say so, since the code alone is ambiguous. */
    static String describeExit(int code) {
        if (code > 128 && code <= 128 + 64) {
            int signal = code - 128;
            return "command exited with status " + code + " (128+" + signal + ": terminated by "
                    + SIGNALS.getOrDefault(signal, "signal " + signal) + ")";
        }
        return "command exited with status " + code;
    }
}
