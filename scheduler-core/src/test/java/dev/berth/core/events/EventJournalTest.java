package dev.berth.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The journal keeps the latest events in order, resumes a reader after its last id, and follows live. */
class EventJournalTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    private static ClusterEvent.Draft step(String service, String to) {
        return ClusterEvent.Draft.of(EventKind.STEP_STATUS, service, "deploy/main/node-0", "→ " + to, Map.of("to", to));
    }

    @Test
    void aReaderResumesAfterTheLastEventItSawAndAnUnknownIdGetsTheWholeBuffer() {
        EventJournal journal = new EventJournal(3, clock);
        for (String to : List.of("PREPARED", "STARTING", "STARTED", "COMPLETE")) {
            journal.publish(step("hello", to));
        }
        List<ClusterEvent> all = journal.since(Optional.empty(), EventFilter.ALL);
        assertThat(all).extracting(e -> e.details().get("to")).containsExactly("STARTING", "STARTED", "COMPLETE");
        assertThat(journal.since(Optional.of(all.get(0).id()), EventFilter.ALL)).extracting(ClusterEvent::id)
                .containsExactly(all.get(1).id(), all.get(2).id());
        assertThat(journal.since(Optional.of(all.get(2).id()), EventFilter.ALL)).isEmpty();
        // the first event fell out of the buffer, and another master's id is not known: the whole buffer
        assertThat(journal.since(Optional.of("other-1"), EventFilter.ALL)).hasSize(3);
    }

    @Test
    void filtersTakeAServiceAndAKindOrItsFamily() {
        EventJournal journal = new EventJournal(10, clock);
        journal.publish(step("hello", "COMPLETE"));
        journal.publish(step("kafka", "COMPLETE"));
        journal.publish(ClusterEvent.Draft.of(EventKind.PLAN_STATUS, "hello", "deploy", "COMPLETE", Map.of()));
        journal.publish(ClusterEvent.Draft.of(EventKind.AGENT_REGISTERED, null, "agent-1", "registered", Map.of()));
        assertThat(journal.since(Optional.empty(), EventFilter.of("hello", null))).extracting(ClusterEvent::kind)
                .containsExactly("step.status", "plan.status");
        assertThat(journal.since(Optional.empty(), EventFilter.of(null, "step"))).hasSize(2);
        assertThat(journal.since(Optional.empty(), EventFilter.of(null, "agent.registered"))).extracting(ClusterEvent::subject)
                .containsExactly("agent-1");
        assertThat(journal.since(Optional.empty(), EventFilter.of(null, "ste"))).isEmpty();
        assertThat(EventFilter.namesAKind("step")).isTrue();
        assertThat(EventFilter.namesAKind("step.status")).isTrue();
        assertThat(EventFilter.namesAKind("ste")).isFalse();
    }

    @Test
    void aFollowerGetsWhatCameAfterItsIdThenEveryNewEventOnceUntilItStops() throws Exception {
        EventJournal journal = new EventJournal(10, clock);
        journal.publish(step("hello", "PREPARED"));
        String seen = journal.since(Optional.empty(), EventFilter.ALL).get(0).id();
        journal.publish(step("hello", "STARTED"));
        List<String> got = new ArrayList<>();
        AutoCloseable following = journal.follow(Optional.of(seen), EventFilter.of("hello", null),
                e -> got.add(e.details().get("to")));
        journal.publish(step("kafka", "STARTED"));
        journal.publish(step("hello", "COMPLETE"));
        following.close();
        journal.publish(step("hello", "ERROR"));
        assertThat(got).containsExactly("STARTED", "COMPLETE");
    }

    @Test
    void aJournalHoldsAtLeastOneEvent() {
        assertThatThrownBy(() -> new EventJournal(0, clock)).hasMessageContaining("capacity: 0");
    }
}
