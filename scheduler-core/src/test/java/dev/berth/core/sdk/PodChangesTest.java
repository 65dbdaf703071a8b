package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.spec.ConfigTemplate;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Which pods an update rolls: those whose long-running tasks change, never for a task of a plan of its own. */
class PodChangesTest {
    /** A template renders as the option it names, so a change of that option changes the file. */
    private static final BiFunction<String, Map<String, Object>, String> TEMPLATES = (template, ctx) ->
            String.valueOf(((Map<?, ?>) ctx.getOrDefault("store", Map.of())).get(template));

    @Test
    void aChangeToATaskThatRunsOnceInItsOwnPlanRollsNothingAChangeToTheServerRollsItsPod() {
        ServiceTarget before = target("sleep 1000", "echo backup", Map.of("store.location", "/a", "store.server", "x"));

        assertThat(PodChanges.changed(before, target("sleep 1000", "echo backup v2", Map.of("store.location", "/a",
                "store.server", "x")), TEMPLATES)).isEmpty();
        assertThat(PodChanges.changed(before, target("sleep 1000", "echo backup", Map.of("store.location", "/b",
                "store.server", "x")), TEMPLATES)).isEmpty();
        assertThat(PodChanges.changed(before, target("sleep 1000", "echo backup", Map.of("store.location", "/a",
                "store.server", "y")), TEMPLATES)).containsExactly("node");
        assertThat(PodChanges.changed(before, target("sleep 2000", "echo backup", Map.of("store.location", "/a",
                "store.server", "x")), TEMPLATES)).containsExactly("node");
    }

    private static ServiceTarget target(String serverCmd, String backupCmd, Map<String, Object> options) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, serverCmd, Map.of(), List.of(), "", 0.5, 64, List.of(),
                List.of(new ConfigTemplate("conf", "server", "server.conf")), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        TaskSpec backup = new TaskSpec("backup", GoalState.ONCE, backupCmd, Map.of(), List.of(), "", 0.1, 16, List.of(),
                List.of(new ConfigTemplate("settings", "location", "backup.properties")), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
        PodSpec node = new PodSpec("node", 3, List.of(), List.of(), List.of(server, backup), Optional.empty());
        ServiceSpec spec = new ServiceSpec("db", "berth/db", "db", List.of(node), List.of(
                new PlanSpec("deploy", null, List.of(new PhaseSpec("node", "node", null, List.of("server"))))));
        return new ServiceTarget("config-1", "db", "1", options, Map.of(), spec, Instant.EPOCH);
    }
}
