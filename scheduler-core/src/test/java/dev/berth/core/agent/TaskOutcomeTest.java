package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskOutcomeTest {
    private static final Optional<KillRequest> REQUESTED = Optional.of(
            new KillRequest(KillRequest.Cause.REQUESTED, "killed on request", Duration.ofSeconds(1)));

    @Test
    void exitZeroIsFinishedAndOtherCodesFailed() {
        assertThat(TaskOutcome.decide(OptionalInt.of(0), Optional.empty(), Optional.empty()).state())
                .isEqualTo(TaskState.FINISHED);
        TaskOutcome failed = TaskOutcome.decide(OptionalInt.of(3), Optional.empty(), Optional.empty());
        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.exitCode()).hasValue(3);
    }

    @Test
    void aSignalDeathIsNamed() {
        TaskOutcome outcome = TaskOutcome.decide(OptionalInt.of(137), Optional.empty(), Optional.empty());
        assertThat(outcome.state()).isEqualTo(TaskState.FAILED);
        assertThat(outcome.message()).isEqualTo("command exited with status 137 (128+9: terminated by SIGKILL)");
    }

    @Test
    void aRequestedKillIsKilledWhateverTheExit() {
        assertThat(TaskOutcome.decide(OptionalInt.of(143), REQUESTED, Optional.empty()).state())
                .isEqualTo(TaskState.KILLED);
        assertThat(TaskOutcome.decide(OptionalInt.of(0), REQUESTED, Optional.empty()).state())
                .isEqualTo(TaskState.KILLED);
        assertThat(TaskOutcome.decide(OptionalInt.empty(), REQUESTED, Optional.empty()).state())
                .isEqualTo(TaskState.KILLED);
    }

    @Test
    void memoryBeatsEverythingElse() {
        TaskOutcome oom = TaskOutcome.decide(OptionalInt.of(137), REQUESTED, Optional.of("memory limit exceeded: x"));
        assertThat(oom.state()).isEqualTo(TaskState.FAILED);
        assertThat(oom.reason()).isEqualTo(TaskStatus.Reason.MEMORY_LIMIT);
        assertThat(oom.message()).isEqualTo("memory limit exceeded: x");
        Optional<KillRequest> measured = Optional.of(new KillRequest(KillRequest.Cause.MEMORY_LIMIT,
                "memory limit exceeded: RSS 80 MiB > limit 50 MiB", Duration.ZERO));
        assertThat(TaskOutcome.decide(OptionalInt.empty(), measured, Optional.empty()).message())
                .isEqualTo("memory limit exceeded: RSS 80 MiB > limit 50 MiB");
    }

    @Test
    void noStatusAndNoKillIsLost() {
        TaskOutcome lost = TaskOutcome.decide(OptionalInt.empty(), Optional.empty(), Optional.empty());
        assertThat(lost.state()).isEqualTo(TaskState.LOST);
        assertThat(lost.reason()).isEqualTo(TaskStatus.Reason.PROCESS_VANISHED);
    }
}
