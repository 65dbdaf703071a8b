package dev.berth.core.state;

import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.zk.ZkChildren;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * The registry in ZooKeeper, through Curator: one znode per agent, framework and task under
 * {@code <root>/registry}, holding JSON. A change is one ZooKeeper transaction, so it lands whole or
 * not at all, and it is durable (ZooKeeper acknowledged it on a quorum) when {@link #commit} returns.
 * Every transaction is conditional on the leader's epoch ({@link EpochFence}): a master whose term has
 * ended gets a {@link FencedException} and its change is not applied.
 */
public final class ZkRegistry implements Registry {
    private final CuratorFramework curator;
    private final String agentsPath;
    private final String frameworksPath;
    private final String tasksPath;
    private final EpochFence fence;
    /**
     * The registry's znodes as this term knows them: read by {@link #load} and kept by each commit, so that a
     * write need not ask ZooKeeper whether its znode exists (one round trip per record, on the path of every
     * agent's re-registration). Only this term's master writes the registry, so the set stays true; after a
     * commit whose outcome is unknown it is dropped (null) and each write asks again.
     */
    private Set<String> present;

    /** @param fence the term of the master that writes through this registry */
    public ZkRegistry(CuratorFramework curator, String root, EpochFence fence) {
        this.curator = curator;
        this.fence = fence;
        this.agentsPath = root + "/registry/agents";
        this.frameworksPath = root + "/registry/frameworks";
        this.tasksPath = root + "/registry/tasks";
        makeFolders(root + "/registry");
    }

    /** Made outside the fence: empty folders a stale master could add change nothing. One read when all are there. */
    private void makeFolders(String registry) {
        List<String> there;
        try {
            there = curator.getChildren().forPath(registry);
        } catch (KeeperException.NoNodeException none) {
            there = List.of();
        } catch (Exception e) {
            throw new StateException("cannot read " + registry + " from ZooKeeper", e);
        }
        for (String path : List.of(agentsPath, frameworksPath, tasksPath)) {
            if (there.contains(ZKPaths.getNodeFromPath(path))) {
                continue;
            }
            try {
                curator.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
            } catch (KeeperException.NodeExistsException raced) {
                // another master made it meanwhile
            } catch (Exception e) {
                throw new StateException("cannot create " + path + " in ZooKeeper", e);
            }
        }
    }

    @Override
    public synchronized Snapshot load() {
        Map<String, Map<String, byte[]>> stored = readStored(curator, agentsPath, frameworksPath, tasksPath);
        present = new HashSet<>();
        stored.forEach((dir, children) -> children.keySet().forEach(child -> present.add(dir + "/" + child)));
        return parse(stored, agentsPath, frameworksPath, tasksPath);
    }

    /** The registry under {@code root} as it is now, read by one who does not lead (nothing is written). */
    public static Snapshot read(CuratorFramework curator, String root) {
        String agents = root + "/registry/agents";
        String frameworks = root + "/registry/frameworks";
        String tasks = root + "/registry/tasks";
        return parse(readStored(curator, agents, frameworks, tasks), agents, frameworks, tasks);
    }

    private static Map<String, Map<String, byte[]>> readStored(CuratorFramework curator, String agents,
                                                               String frameworks, String tasks) {
        try {
            return ZkChildren.read(curator, List.of(agents, frameworks, tasks));
        } catch (Exception e) {
            throw new StateException("cannot read " + String.join(", ", agents, frameworks, tasks) + " from ZooKeeper", e);
        }
    }

    private static Snapshot parse(Map<String, Map<String, byte[]>> stored, String agents, String frameworks, String tasks) {
        return new Snapshot(parse(agents, stored.get(agents), StoredAgent.class),
                parse(frameworks, stored.get(frameworks), FrameworkInfo.class),
                parse(tasks, stored.get(tasks), StoredTask.class));
    }

    private static <T> Map<String, T> parse(String path, Map<String, byte[]> stored, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            String at = path + "/" + e.getKey(); // named in the error: the one znode to repair
            try {
                out.put(e.getKey(), BerthJson.fromBytes(e.getValue(), type));
            } catch (RuntimeException bad) {
                throw new StateException("cannot read " + at + " from ZooKeeper", bad);
            }
        }
        return out;
    }

    @Override
    public synchronized void commit(RegistryChange change) {
        if (change.isEmpty()) {
            return;
        }
        Set<String> written = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        try {
            List<CuratorOp> ops = new ArrayList<>();
            for (StoredAgent a : change.agents()) {
                ops.add(upsert(agentsPath + "/" + a.info().id(), BerthJson.toBytes(a), written));
            }
            for (FrameworkInfo f : change.frameworks()) {
                ops.add(upsert(frameworksPath + "/" + f.id().orElseThrow(), BerthJson.toBytes(f), written));
            }
            for (StoredTask t : change.tasks()) {
                ops.add(upsert(tasksPath + "/" + t.info().taskId(), BerthJson.toBytes(t), written));
            }
            for (String id : change.removedTasks()) {
                delete(tasksPath + "/" + id, ops, deleted);
            }
            for (String id : change.removedFrameworks()) {
                delete(frameworksPath + "/" + id, ops, deleted);
            }
            fence.commit(ops);
        } catch (FencedException e) {
            present = null;
            throw e;
        } catch (Exception e) {
            present = null; // the commit may or may not have landed
            throw new StateException("cannot write the registry change to ZooKeeper", e);
        }
        if (present != null) {
            present.addAll(written);
            present.removeAll(deleted);
        }
    }

    @Override
    public long epoch() {
        return fence.epoch().number();
    }

    private CuratorOp upsert(String path, byte[] data, Set<String> written) throws Exception {
        written.add(path);
        return exists(path)
                ? curator.transactionOp().setData().forPath(path, data)
                : curator.transactionOp().create().forPath(path, data);
    }

    private void delete(String path, List<CuratorOp> ops, Set<String> deleted) throws Exception {
        if (exists(path)) {
            ops.add(curator.transactionOp().delete().forPath(path));
            deleted.add(path);
        }
    }

    private boolean exists(String path) throws Exception {
        Set<String> known = present;
        return known != null ? known.contains(path) : curator.checkExists().forPath(path) != null;
    }

    @Override
    public void close() {
        // the Curator client belongs to whoever made it
    }

    /** ZooKeeper failed us: the master cannot promise durability, so it stops acting. */
    public static final class StateException extends RuntimeException {
        public StateException(String message, Throwable cause) {
            super(message + ": " + (cause instanceof KeeperException k ? k.code() : cause.getMessage()), cause);
        }
    }
}
