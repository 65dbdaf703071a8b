package dev.berth.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.protocol.ServiceViews;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task of a pod `berth pod logs` reads: the one named (short or in full), else the only one, else the only one running. */
class PodLogsCommandTest {
    static ServiceViews.TaskRow task(String name, String state) {
        return new ServiceViews.TaskRow(name, name + "__1", state, false, "config-1", "");
    }

    static PodLogsCommand command(String task) {
        PodLogsCommand c = new PodLogsCommand();
        c.pod = "node-0";
        c.task = task;
        return c;
    }

    static final ServiceViews.PodRow POD = new ServiceViews.PodRow("node-0", "agent-1", "host", "127.0.0.2",
            List.of(task("node-0-server", "RUNNING"), task("node-0-repair", "FINISHED")));

    @Test
    void aTaskIsNamedAsInTheSpecOrInFull() {
        assertThat(command("server").taskOf(POD).name()).isEqualTo("node-0-server");
        assertThat(command("node-0-repair").taskOf(POD).name()).isEqualTo("node-0-repair");
    }

    @Test
    void withoutANameTheOnlyTaskStillRunningIsRead() {
        assertThat(command(null).taskOf(POD).name()).isEqualTo("node-0-server");
    }

    @Test
    void anUnknownTaskIsRefusedNamingThePodsTasks() {
        assertThatThrownBy(() -> command("cleanup").taskOf(POD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task: pod node-0 has no task 'cleanup'; its tasks: node-0-server (RUNNING), node-0-repair (FINISHED)");
    }
}
