package dev.berth.core.sdk;

import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.spec.GoalState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a launching step stands, from the latest states of its tasks: a pure function of the step and
 * its task records. A task meant to run is done when it runs and passed its readiness check; one meant
 * to finish (a repair) when it finished. When every task is done the step is not complete yet: the
 * package may still have to agree ({@link Outcome.TasksDone}).
 */
final class StepProgress {
    private StepProgress() {
    }

    sealed interface Outcome {
        /** The step as it should be now (possibly unchanged). */
        record Now(Step step) implements Outcome {
        }

        /** Every task of the step is where it should be: complete, once the package agrees. */
        record TasksDone() implements Outcome {
        }
    }

    /**
     * @param step       a launching step, not complete, not in ERROR
     * @param records    the step's tasks in its order, empty where a task was never launched
     * @param goal       what each task is meant to do
     * @param targetId   the target config's id: tasks of an older config say nothing of this step
     * @param rerunAsked an operator asked to restart or replace the instance, which has not happened yet
     */
    static Outcome of(Step step, List<Optional<TaskRecord>> records, Function<TaskRecord, GoalState> goal,
                      String targetId, boolean rerunAsked, Instant now) {
        if (step.status() == Status.PENDING && rerunAsked) {
            return new Outcome.Now(step); // its tasks still run from before the restart or replace
        }
        if (records.stream().anyMatch(r -> r.isEmpty() || !r.get().configId().equals(targetId))) {
            return new Outcome.Now(step);
        }
        Status least = Status.COMPLETE;
        for (Optional<TaskRecord> r : records) {
            Status here = statusOf(r.get().latest().orElse(null), goal.apply(r.get()));
            if (here.ordinal() < least.ordinal()) {
                least = here;
            }
        }
        if (least == Status.COMPLETE) {
            return new Outcome.TasksDone();
        }
        // a step that stays PENDING keeps what it last learned (an offer's shortfall says more)
        Optional<TaskStatus> cutOff = records.stream().map(r -> r.get().latest()).flatMap(Optional::stream)
                .filter(st -> st.state() == TaskState.UNREACHABLE).findFirst();
        String why = least == Status.STARTED ? "running, waiting for the readiness check"
                : cutOff.isPresent() ? "unreachable, waiting for its agent (" + cutOff.get().message()
                        + "); replaced elsewhere after the permanent-failure timeout"
                : least == Status.PENDING && step.status() != Status.PENDING ? "a task ended; relaunching" : step.message();
        return new Outcome.Now(least == step.status() && why.equals(step.message()) ? step : step.with(least, why, now));
    }

    private static Status statusOf(TaskStatus latest, GoalState goal) {
        if (latest == null) {
            return Status.PREPARED;
        }
        if (goal != GoalState.RUNNING && latest.state() == TaskState.FINISHED) {
            return Status.COMPLETE;
        }
        if (latest.state() == TaskState.RUNNING) {
            // a task meant to finish (a repair) is done when it has finished, not when it runs
            return goal == GoalState.RUNNING && latest.ready() ? Status.COMPLETE : Status.STARTED;
        }
        if (latest.state().isTerminal() || latest.state() == TaskState.UNREACHABLE) {
            return Status.PENDING;
        }
        return latest.state() == TaskState.STAGING ? Status.PREPARED : Status.STARTING;
    }
}
