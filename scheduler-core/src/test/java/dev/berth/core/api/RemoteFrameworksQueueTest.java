package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import org.junit.jupiter.api.Test;

/** The event queue of a framework over HTTP holds one copy of an update the master sends again and again. */
class RemoteFrameworksQueueTest {
    @Test
    void anUpdateRetriedWhileTheFrameworkDoesNotPollIsQueuedOnce() {
        RemoteFrameworks.QueueingScheduler framework = new RemoteFrameworks.QueueingScheduler();
        TaskStatus failed = TaskStatus.of("node-0-server__1", "agent-1", TaskState.FAILED, "exited with status 1");
        TaskStatus next = TaskStatus.of("node-0-server__2", "agent-1", TaskState.RUNNING, "pid 42");

        for (int retry = 0; retry < 200; retry++) {
            framework.statusUpdate(failed);
        }
        framework.statusUpdate(next);

        System.out.printf("200 deliveries of one update and one of another: %d events queued%n", framework.events.size());
        assertThat(framework.events.size()).isEqualTo(2);
    }
}
