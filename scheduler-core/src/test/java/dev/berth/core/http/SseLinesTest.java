package dev.berth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Server-sent events are read as the event-stream format says: fields, blank-line ends, comments skipped. */
class SseLinesTest {
    @Test
    void eventsEndAtABlankLineWithTheirIdNameAndDataLinesJoined() {
        List<JsonHttp.StreamEvent> got = new ArrayList<>();
        new SseLines(got::add).feed(Stream.of(": a comment", "id: a-1", "event: step.status", "content-type:application/json",
                "data: {\"x\":", "data:1}", "", "", "id:a-2", "data: second", "", "data: not ended yet"));
        assertThat(got).containsExactly(new JsonHttp.StreamEvent("a-1", "step.status", "{\"x\":\n1}"),
                new JsonHttp.StreamEvent("a-2", "message", "second"));
    }
}
