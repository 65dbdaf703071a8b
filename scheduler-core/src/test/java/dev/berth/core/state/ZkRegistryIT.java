package dev.berth.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Caller;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeLedger;
import dev.berth.volumes.VolumeMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry on a real ZooKeeper server: what is committed is read back whole by a new client. */
class ZkRegistryIT {
    static TestingServer zk;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
    }

    static CuratorFramework client() {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(100, 3));
        c.start();
        return c;
    }

    /** A registry as a newly elected master has it: in a term of its own. */
    static ZkRegistry registry(CuratorFramework c, String root) {
        return new ZkRegistry(c, root, new EpochFence(c, LeaderEpoch.claim(c, root), e -> { }));
    }

    @Test
    void anAgentLedgerWithReservationsVolumesAndTasksSurvivesANewClient() {
        Caller caller = Caller.of("cassandra", "db/cassandra");
        Resources total = Resources.parse("cpus:4;mem:4096;disk:10000;ports:[31000-31010]");
        Resources r = Resources.parse("cpus:1;mem:512;disk:2000;ports:[31000]")
                .reservedAs(Reservation.of(Role.of("db/cassandra"), Principal.of("cassandra"), "node-0"));
        Volume v = Volume.of("node-0-data", "data", VolumeMode.RW,
                Resources.parse("disk:2000").reservedAs(Reservation.of(Role.of("db/cassandra"), Principal.of("cassandra"), "node-0")).list().get(0));
        VolumeLedger ledger = VolumeLedger.of(AgentLedger.of("a1", total).reserve(caller, r)).create(caller, List.of(v));
        ledger = ledger.withLedger(ledger.ledger().claim(Claim.task("node-0-server"), r.filter(x -> !x.name().equals("disk"))))
                .attach("node-0-server", v.id());
        AgentInfo info = new AgentInfo("a1", "h1", "127.0.0.2", total, Map.of("zone", "a"));
        TaskInfo task = new TaskInfo("node-0-server", "node-0-server", "a1", r.filter(x -> !x.name().equals("disk")),
                CommandInfo.of("sleep 100"), List.of(new VolumeMount("node-0-data", "db/cassandra", "data", false)),
                Duration.ofSeconds(30), Map.of("pod", "node-0"));
        FrameworkInfo fw = new FrameworkInfo(Optional.of("fw-1"), "cassandra", Role.of("db/cassandra"),
                Principal.of("cassandra"), Duration.ofHours(1));

        try (CuratorFramework c = client()) {
            registry(c, "/berth-test").commit(new RegistryChange()
                    .put(StoredAgent.of(info, ledger, "agent"))
                    .put(fw)
                    .put(new StoredTask("fw-1", task, TaskStatus.of("node-0-server", "a1", TaskState.RUNNING, "up"))));
        }
        try (CuratorFramework c = client()) {
            Registry.Snapshot s = registry(c, "/berth-test").load();
            assertThat(s.agents().get("a1").ledger()).isEqualTo(ledger);
            assertThat(s.agents().get("a1").info()).isEqualTo(info);
            assertThat(s.frameworks().get("fw-1")).isEqualTo(fw);
            assertThat(s.tasks().get("node-0-server").info()).isEqualTo(task);
            assertThat(s.tasks().get("node-0-server").latest().state()).isEqualTo(TaskState.RUNNING);
        }
    }

    @Test
    void aChangeLandsWholeOrNotAtAll() throws Exception {
        try (CuratorFramework c = client()) {
            ZkRegistry registry = registry(c, "/berth-atomic");
            FrameworkInfo fw = new FrameworkInfo(Optional.of("fw-ok"), "ok", Role.of("r"), Principal.of("p"), null);
            // A task id with a '/' makes an invalid znode path: the whole transaction must fail.
            TaskInfo bad = new TaskInfo("bad/child", "bad", "a1", Resources.EMPTY, CommandInfo.of("true"), null, null, null);
            try {
                registry.commit(new RegistryChange().put(fw).put(new StoredTask("fw-ok", bad,
                        TaskStatus.of("bad/child", "a1", TaskState.STAGING, ""))));
            } catch (ZkRegistry.StateException expected) {
                // refused as a whole
            }
            assertThat(registry.load().frameworks()).doesNotContainKey("fw-ok");
        }
    }

    /**
     * After its load a term knows which znodes exist and writes without asking: updates, creations and
     * removals land; after a failed commit it asks ZooKeeper again and its writes still land.
     */
    @Test
    void aTermWritesWhatItLoadedAndWhatIsNewAndCarriesOnAfterAFailedCommit() {
        FrameworkInfo kept = new FrameworkInfo(Optional.of("fw-kept"), "kept", Role.of("r"), Principal.of("p"), null);
        FrameworkInfo gone = new FrameworkInfo(Optional.of("fw-gone"), "gone", Role.of("r"), Principal.of("p"), null);
        try (CuratorFramework c = client()) {
            registry(c, "/berth-known").commit(new RegistryChange().put(kept).put(gone));
        }
        FrameworkInfo renamed = new FrameworkInfo(Optional.of("fw-kept"), "renamed", Role.of("r"), Principal.of("p"), null);
        FrameworkInfo added = new FrameworkInfo(Optional.of("fw-new"), "new", Role.of("r"), Principal.of("p"), null);
        FrameworkInfo late = new FrameworkInfo(Optional.of("fw-late"), "late", Role.of("r"), Principal.of("p"), null);
        try (CuratorFramework c = client()) {
            ZkRegistry next = registry(c, "/berth-known");
            assertThat(next.load().frameworks()).containsOnlyKeys("fw-kept", "fw-gone");
            next.commit(new RegistryChange().put(renamed).put(added).removeFramework("fw-gone").removeFramework("fw-never"));
            TaskInfo bad = new TaskInfo("bad/child", "bad", "a1", Resources.EMPTY, CommandInfo.of("true"), null, null, null);
            try {
                next.commit(new RegistryChange().put(new StoredTask("fw-new", bad, TaskStatus.of("bad/child", "a1",
                        TaskState.STAGING, ""))));
            } catch (ZkRegistry.StateException expected) {
                // refused as a whole
            }
            next.commit(new RegistryChange().put(late).put(added));
        }
        try (CuratorFramework c = client()) {
            Map<String, FrameworkInfo> read = registry(c, "/berth-known").load().frameworks();
            assertThat(read).containsOnlyKeys("fw-kept", "fw-new", "fw-late");
            assertThat(read.get("fw-kept").name()).isEqualTo("renamed");
        }
    }
}
