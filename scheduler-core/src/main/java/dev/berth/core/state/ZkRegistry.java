package dev.berth.core.state;

import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.FrameworkInfo;
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
 */
public final class ZkRegistry implements Registry {
    private final CuratorFramework curator;
    private final String agentsPath;
    private final String frameworksPath;
    private final String tasksPath;

    public ZkRegistry(CuratorFramework curator, String root) {
        this.curator = curator;
        this.agentsPath = root + "/registry/agents";
        this.frameworksPath = root + "/registry/frameworks";
        this.tasksPath = root + "/registry/tasks";
        try {
            for (String p : List.of(agentsPath, frameworksPath, tasksPath)) {
                curator.create().orSetData().creatingParentsIfNeeded().forPath(p);
            }
        } catch (Exception e) {
            throw new StateException("cannot create the registry under " + root + " in ZooKeeper", e);
        }
    }

    @Override
    public Snapshot load() {
        return new Snapshot(readAll(agentsPath, StoredAgent.class), readAll(frameworksPath, FrameworkInfo.class),
                readAll(tasksPath, StoredTask.class));
    }

    private <T> Map<String, T> readAll(String path, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        try {
            for (String child : curator.getChildren().forPath(path)) {
                byte[] data = curator.getData().forPath(path + "/" + child);
                out.put(child, BerthJson.fromBytes(data, type));
            }
        } catch (Exception e) {
            throw new StateException("cannot read " + path + " from ZooKeeper", e);
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
            curator.transaction().forOperations(ops);
        } catch (Exception e) {
            throw new StateException("cannot write the registry change to ZooKeeper", e);
        }
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
