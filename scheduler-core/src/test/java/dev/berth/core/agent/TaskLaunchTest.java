package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TaskLaunchTest {
    @Test
    void defaultsTheGracePeriodNameAndAgentIp() {
        TaskLaunch launch = TaskLaunch.builder("t1", "true").killGracePeriod(null).build();

        assertThat(launch.killGracePeriod()).isEqualTo(TaskLaunch.DEFAULT_KILL_GRACE_PERIOD);
        assertThat(launch.taskName()).isEqualTo("t1");
        assertThat(launch.podIndex()).isEmpty();
        assertThat(launch.agentIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesTaskIdsThatCannotNameADirectory() {
        assertThatThrownBy(() -> TaskLaunch.builder("../etc", "true").build())
                .hasMessageContaining("task_id").hasMessageContaining("../etc").hasMessageContaining("[A-Za-z0-9._-]");
    }

    @Test
    void refusesContainerPathsOutsideTheSandbox() {
        assertThatThrownBy(() -> new MountedVolume("v", Path.of("/data/v"), "/var/lib/db", MountedVolume.Mode.RW))
                .hasMessageContaining("volume.containerPath").hasMessageContaining("relative");
        assertThatThrownBy(() -> new MountedVolume("v", Path.of("/data/v"), "../up", MountedVolume.Mode.RW))
                .hasMessageContaining("'../up'");
    }

    @Test
    void refusesBadPortsAndNegativeResources() {
        assertThatThrownBy(() -> TaskResources.of(1, 10, 70000)).hasMessageContaining("resources.ports");
        assertThatThrownBy(() -> TaskResources.of(-1, 10)).hasMessageContaining("resources.cpus");
    }
}
