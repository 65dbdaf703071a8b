package dev.berth.core.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {
    @Test
    void aWaitInItsLargestWholeUnit() {
        assertThat(Ages.ago(Duration.ofSeconds(12))).isEqualTo("12 s ago");
        assertThat(Ages.ago(Duration.ofSeconds(59))).isEqualTo("59 s ago");
        assertThat(Ages.ago(Duration.ofSeconds(60))).isEqualTo("1 min ago");
        assertThat(Ages.ago(Duration.ofMinutes(119))).isEqualTo("1 h ago");
        assertThat(Ages.ago(Duration.ofDays(3).plusHours(5))).isEqualTo("3 d ago");
        // a master's clock a little behind the agent that stamped the time
        assertThat(Ages.ago(Duration.ofSeconds(-2))).isEqualTo("0 s ago");
    }

    @Test
    void sinceIsAUtcTimeOfDayAndTheAge() {
        Instant then = Instant.parse("2026-11-30T13:02:05Z");
        assertThat(Ages.since(then, then.plusSeconds(250))).isEqualTo("since 13:02:05 UTC (4 min ago)");
        assertThat(Ages.since(null, then)).isEmpty();
    }
}
