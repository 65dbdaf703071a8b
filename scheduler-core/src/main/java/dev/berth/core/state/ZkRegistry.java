package dev.berth.core.state;

import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.zk.ZkChildren;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
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

    /** @param fence the term of the master that writes through this registry */
    public ZkRegistry(CuratorFramework curator, String root, EpochFence fence) {
        this.curator = curator;
        this.fence = fence;
        this.agentsPath = root + "/registry/agents";
        this.frameworksPath = root + "/registry/frameworks";
        this.tasksPath = root + "/registry/tasks";
        // made outside the fence: empty folders a stale master could add change nothing
        for (String p : List.of(agentsPath, frameworksPath, tasksPath)) {
            makeFolder(p);
        }
    }

    private void makeFolder(String path) {
        try {
            if (curator.checkExists().forPath(path) == null) {
                curator.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
            }
        } catch (KeeperException.NodeExistsException raced) {
            // another master made it meanwhile
        } catch (Exception e) {
            throw new StateException("cannot create " + path + " in ZooKeeper", e);
        }
    }

    @Override
    public Snapshot load() {
        return new Snapshot(readAll(agentsPath, StoredAgent.class), readAll(frameworksPath, FrameworkInfo.class),
                readAll(tasksPath, StoredTask.class));
    }

    private <T> Map<String, T> readAll(String path, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        Map<String, byte[]> stored;
        try {
            stored = ZkChildren.read(curator, path);
        } catch (Exception e) {
            throw new StateException("cannot read " + path + " from ZooKeeper", e);
        }
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
    public void commit(RegistryChange change) {
        if (change.isEmpty()) {
            return;
        }
        try {
            List<CuratorOp> ops = new ArrayList<>();
            for (StoredAgent a : change.agents()) {
                ops.add(upsert(agentsPath + "/" + a.info().id(), BerthJson.toBytes(a)));
            }
            for (FrameworkInfo f : change.frameworks()) {
                ops.add(upsert(frameworksPath + "/" + f.id().orElseThrow(), BerthJson.toBytes(f)));
            }
            for (StoredTask t : change.tasks()) {
                ops.add(upsert(tasksPath + "/" + t.info().taskId(), BerthJson.toBytes(t)));
            }
            for (String id : change.removedTasks()) {
                if (exists(tasksPath + "/" + id)) {
                    ops.add(curator.transactionOp().delete().forPath(tasksPath + "/" + id));
                }
            }
            for (String id : change.removedFrameworks()) {
                if (exists(frameworksPath + "/" + id)) {
                    ops.add(curator.transactionOp().delete().forPath(frameworksPath + "/" + id));
                }
            }
            fence.commit(ops);
        } catch (FencedException e) {
            throw e;
        } catch (Exception e) {
            throw new StateException("cannot write the registry change to ZooKeeper", e);
        }
    }

    @Override
    public long epoch() {
        return fence.epoch().number();
    }

    private CuratorOp upsert(String path, byte[] data) throws Exception {
        return exists(path)
                ? curator.transactionOp().setData().forPath(path, data)
                : curator.transactionOp().create().forPath(path, data);
    }

    private boolean exists(String path) throws Exception {
        return curator.checkExists().forPath(path) != null;
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
