package dev.berth.core.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.events.EventKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LiveTriggersTest {
    @Test
    void eachSectionFollowsTheKindsThatChangeIt() {
        Views.Triggers t = LiveTriggers.all();
        assertThat(t.services()).contains("sse:step.status delay:150ms").contains("sse:plan.status delay:150ms")
                .contains("sse:service.installed delay:150ms").contains("sse:service.uninstalled delay:150ms")
                .doesNotContain("agent.");
        assertThat(t.agents()).contains("sse:agent.registered delay:150ms").contains("sse:agent.unreachable delay:150ms")
                .contains("sse:operation.applied delay:150ms").doesNotContain("step.status");
        // the event list follows every kind there is
        assertThat(t.events().split(", ")).hasSize(EventKind.values().length);
        Arrays.stream(EventKind.values()).forEach(k -> assertThat(t.events()).contains("sse:" + k.wireName() + " "));
    }
}
