package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.state.ZkStateStore;
import dev.berth.core.state.EpochFence;
import dev.berth.core.state.LeaderEpoch;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.state.StoredAgent;
import dev.berth.core.state.StoredTask;
import dev.berth.core.state.ZkRegistry;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.VolumeLedger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standby's rehearsal reads the whole cluster without writing, and says when it has seen one whole. */
class TakeoverRehearsalTest {
    @TempDir
    Path keys;

    @Test
    void aRehearsalReadsEveryKindOfRecordAndKnowsWhenTheClusterWasWhole() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework c = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(100, 3))) {
            c.start();
            SecretCipher cipher = ClusterSecret.readOrCreate(keys.resolve("secret")).secretsCipher();
            TakeoverRehearsal rehearsal = new TakeoverRehearsal(c, "/r", cipher, PackageRepository.classpath());
            assertThat(rehearsal.rehearse()).as("an empty cluster has not shown every kind of record").isFalse();

            EpochFence term = new EpochFence(c, LeaderEpoch.claim(c, "/r"), e -> { });
            Resources total = Resources.parse("cpus:2;mem:1024");
            AgentInfo agent = new AgentInfo("a1", "h1", "127.0.0.2", total, Map.of());
            TaskInfo task = new TaskInfo("t1", "t1", "a1", Resources.parse("cpus:1"), CommandInfo.of("sleep 9"), null, null, null);
            new ZkRegistry(c, "/r", term).commit(new RegistryChange()
                    .put(StoredAgent.of(agent, VolumeLedger.of(AgentLedger.of("a1", total)), "agent"))
                    .put(new FrameworkInfo(Optional.of("fw-1"), "hello", Role.of("r"), Principal.of("p"), null))
                    .put(new StoredTask("fw-1", task, TaskStatus.of("t1", "a1", TaskState.RUNNING, "up"))));
            assertThat(rehearsal.rehearse()).as("agents and tasks, but no service yet").isFalse();

            new ZkStateStore(c, "/r", "hello", cipher, term::commit).storeFrameworkId("fw-1");
            // a write would be refused and the rehearsal would answer false
            assertThat(rehearsal.rehearse()).isTrue();
            rehearsal.close();
        }
    }
}
