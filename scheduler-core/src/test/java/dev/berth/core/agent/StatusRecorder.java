package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Collects every status a runner reports, for tests to wait on and inspect. */
final class StatusRecorder implements TaskStatusListener {
    private final List<TaskStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(TaskStatus status) {
        statuses.add(status);
    }

    List<TaskStatus> all() {
        return List.copyOf(statuses);
    }

    List<TaskStatus> of(String taskId) {
        return statuses.stream().filter(s -> s.taskId().equals(taskId)).toList();
    }

    List<TaskState> states(String taskId) {
        return of(taskId).stream().map(TaskStatus::state).toList();
    }

    /** Waits for the task to reach {@code state} and returns that status. */
    TaskStatus await(String taskId, TaskState state, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> of(taskId).stream().anyMatch(s -> s.state() == state));
        return of(taskId).stream().filter(s -> s.state() == state).findFirst().orElseThrow();
    }

    TaskStatus awaitTerminal(String taskId, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> of(taskId).stream().anyMatch(s -> s.state().isTerminal()));
        return of(taskId).stream().filter(s -> s.state().isTerminal()).findFirst().orElseThrow();
    }
}
