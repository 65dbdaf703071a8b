package dev.berth.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfirmedQueueTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ConfirmedQueue<String> queue = new ConfirmedQueue<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void itemsStayUntilConfirmedAndAWaitingPollGetsTheNextOne() throws Exception {
        long first = queue.add("a");
        assertThat(queue.poll(0, Duration.ofSeconds(10), timer).get()).extracting(Sequenced::item).containsExactly("a");
        var waiting = queue.poll(first, Duration.ofSeconds(10), timer);
        assertThat(waiting).isNotDone();
        queue.add("b");
        assertThat(waiting.get(1, TimeUnit.SECONDS)).extracting(Sequenced::item).containsExactly("b");
    }

    @Test
    void aClosedQueueFailsTheWaitingPollAtOnceAndEveryLaterOne() {
        var waiting = queue.poll(0, Duration.ofSeconds(30), timer);
        IllegalStateException why = new IllegalStateException("gone");

        queue.close(why);

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCause(why);
        assertThatThrownBy(() -> queue.poll(0, Duration.ofSeconds(30), timer).join()).hasCause(why);
    }

    /**
     * A poll that must wait while its timer is shutting down (the master's loop stopping under it) is refused
     * with the timer's RejectedExecutionException, which the master answers as the end of its term; the queue
     * goes on working for a poll on a live timer.
     */
    @Test
    void aPollThatMustWaitOnAStoppedTimerIsRefused() throws Exception {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown();

        assertThatThrownBy(() -> queue.poll(0, Duration.ofSeconds(30), stopped))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);

        var waiting = queue.poll(0, Duration.ofSeconds(30), timer);
        assertThat(waiting).isNotDone();
        queue.add("a");
        assertThat(waiting.get(1, TimeUnit.SECONDS)).extracting(Sequenced::item).containsExactly("a");
    }
}
