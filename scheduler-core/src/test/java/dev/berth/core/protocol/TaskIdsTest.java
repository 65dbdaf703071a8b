package dev.berth.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Task ids become paths on agents: only one plain path element is accepted. */
class TaskIdsTest {
    @Test
    void theIdsTheSdkMakesAndPlainOnesAreSafe() {
        // as OfferEvaluator makes them: <pod-instance>-<task>__<uuid>
        for (String id : List.of("node-0-server__" + UUID.randomUUID(), "broker-12-server__" + UUID.randomUUID(), "t1",
                "a.b_c-D9", "0", "x".repeat(200), "v1.2..3")) {
            assertThat(TaskIds.isSafe(id)).as(id).isTrue();
            assertThat(TaskIds.problem(id)).as(id).isEmpty();
            assertThat(TaskIds.requireSafe(id)).isEqualTo(id);
        }
    }

    @Test
    void anIdThatIsNotOnePlainPathElementIsRefusedNamingTheFieldTheValueAndWhatIsAllowed() {
        for (String id : List.of("", ".", "..", "../../etc", "a/b", "/etc", "a\\b", ".hidden", "-rf", "_x", "a b", "x".repeat(201),
                "caf\u00e9", "a\nb", "a:b")) {
            assertThat(TaskIds.isSafe(id)).as(id).isFalse();
            assertThatThrownBy(() -> TaskIds.requireSafe(id)).as(id).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("task_id: '")
                    .hasMessageEndingWith("' is not accepted; use 1-200 characters of [A-Za-z0-9._-] starting with a letter"
                            + " or digit").hasMessage(TaskIds.problem(id).orElseThrow());
        }
        assertThat(TaskIds.problem("../../etc")).contains("task_id: '../../etc' is not accepted; use " + TaskIds.ALLOWED);
        assertThat(TaskIds.problem(null)).contains("task_id: missing; use " + TaskIds.ALLOWED);
        // a message shows control characters escaped and a long id cut short
        assertThat(TaskIds.problem("a\nb")).hasValueSatisfying(m -> assertThat(m).startsWith("task_id: 'a\\u000ab'"));
        assertThat(TaskIds.problem("y".repeat(500))).hasValueSatisfying(m ->
                assertThat(m).startsWith("task_id: '" + "y".repeat(80) + "... (500 characters)' is not accepted"));
    }
}
