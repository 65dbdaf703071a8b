package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' reading of the master's meters: samples of a name, summed over those whose labels match. */
class PrometheusSamplesTest {
    static final String METRICS = """
            # HELP berth_step_duration_seconds a step from PREPARED to COMPLETE
            # TYPE berth_step_duration_seconds summary
            berth_step_duration_seconds_count{plan="update",service="kafka"} 3
            berth_step_duration_seconds_sum{plan="update",service="kafka"} 36.5
            berth_step_duration_seconds_sum{plan="deploy",service="kafka"} 20.0
            berth_step_duration_seconds_sum{plan="update",service="cassandra"} 99.0
            berth_hook_calls_seconds_sum{package="kafka",question="ready",service="kafka"} 1.25
            berth_hook_calls_seconds_sum{package="kafka",question="stop",service="kafka"} 0.5
            berth_steps_waiting_longest_seconds{service="kafka"} NaN
            """;

    @Test
    void samplesWhoseLabelsMatchAreSummed() {
        assertThat(PrometheusSamples.sum(METRICS, "berth_step_duration_seconds_sum", Map.of("service", "kafka", "plan", "update")))
                .isEqualTo(36.5);
        assertThat(PrometheusSamples.sum(METRICS, "berth_hook_calls_seconds_sum", Map.of("service", "kafka"))).isEqualTo(1.75);
        assertThat(PrometheusSamples.sum(METRICS, "berth_step_duration_seconds_sum", Map.of())).isEqualTo(155.5);
        assertThat(PrometheusSamples.sum(METRICS, "berth_steps_waiting_longest_seconds", Map.of())).isZero();
        assertThat(PrometheusSamples.sum(METRICS, "berth_nothing", Map.of())).isZero();
    }
}
