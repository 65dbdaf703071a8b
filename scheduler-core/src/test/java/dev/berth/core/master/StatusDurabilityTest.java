package dev.berth.core.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.InMemoryRegistry;
import dev.berth.core.state.Registry;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.core.testing.TestAccess;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A status update is written to the registry before the master's memory changes: when the write fails,
 * the agent's update is refused (it keeps it and sends it again), the master still knows the task as it
 * was and still counts its resources as used, and the framework hears nothing; the retry then lands.
 */
class StatusDurabilityTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Resources AGENT = Resources.parse("cpus:4;mem:4096");

    /** A registry whose next write fails, as ZooKeeper's would while it has no quorum. */
    static final class FailingOnce implements Registry {
        final InMemoryRegistry kept = new InMemoryRegistry();
        volatile boolean failNext;

        @Override
        public Snapshot load() {
            return kept.load();
        }

        @Override
        public void commit(RegistryChange change) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("no quorum");
            }
            kept.commit(change);
        }

        @Override
        public void close() {
        }
    }

    final FailingOnce registry = new FailingOnce();
    final Master master = Master.start(MasterConfig.defaults().withAllocationInterval(Duration.ofMillis(50))
            .withStatusRetryInterval(Duration.ofMillis(200)), registry, Clock.systemUTC(), TestAccess.open());

    @AfterEach
    void stop() {
        master.close();
    }

    @Test
    void aStatusWhoseWriteFailsChangesNothingAndItsRetryLands() {
        String agentId = master.registerAgent("agent", Optional.empty(), new AgentInfo("-", "host", "127.0.0.2", AGENT, Map.of()),
                List.of()).join().agentId();
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = master.register(new FrameworkInfo(Optional.empty(), "hello", Role.of("hello"),
                Principal.of("hello"), Duration.ofMinutes(1)), s).join();
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                MasterTest.task("t1", agentId, Resources.parse("cpus:1"))))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "")).join();
        driver.acknowledge("t1", s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING).uuid());
        TaskStatus failed = TaskStatus.of("t1", agentId, TaskState.FAILED, "exit 3");

        registry.failNext = true;
        assertThatThrownBy(() -> master.statusFromAgent("agent", agentId, failed).join()).hasMessageContaining("no quorum");

        assertThat(master.tasks().join().get(0).latest().state()).isEqualTo(TaskState.RUNNING);
        assertThat(registry.load().tasks().get("t1").latest().state()).isEqualTo(TaskState.RUNNING);
        assertThat(master.agents().join().get(0).ledger().ledger().free()).isEqualTo(AGENT.minus(Resources.parse("cpus:1")));

        master.statusFromAgent("agent", agentId, failed).join(); // the agent's retry
        assertThat(s.nextStatus(WAIT, st -> st.state() == TaskState.FAILED).message()).isEqualTo("exit 3");
        assertThat(registry.load().tasks().get("t1").latest().state()).isEqualTo(TaskState.FAILED);
        assertThat(master.agents().join().get(0).ledger().ledger().free()).isEqualTo(AGENT);
    }
}
