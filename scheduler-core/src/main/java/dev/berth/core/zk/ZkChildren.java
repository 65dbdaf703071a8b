package dev.berth.core.zk;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Reads the data of every child of znodes with all reads in flight at once (Curator's background calls,
 * pipelined on one connection): a new leader reads its registry and each service's state this way, so a
 * failover costs two round trips for all of a service's directories (list them, then read their
 * children), not one per directory or per znode. Under load a round trip to the ensemble takes 50-200 ms.
 */
public final class ZkChildren {
    /** Bounds one call's reads; a ZooKeeper that does not answer fails the takeover, which is retried. */
    private static final long TIMEOUT_SECONDS = 30;

    private ZkChildren() {
    }

    /**
     * Child name → data, sorted by name; empty when {@code path} does not exist. A child deleted between the
     * listing and its read is left out.
     *
     * @throws KeeperException the first error of a read, naming its znode
     */
    public static Map<String, byte[]> read(CuratorFramework curator, String path) throws Exception {
        return read(curator, List.of(path)).get(path);
    }

    /**
     * For each of {@code paths}, its children's data as {@link #read(CuratorFramework, String)} gives it, all
     * directories read side by side. The answer has every path as a key, in the order given.
     */
    public static Map<String, Map<String, byte[]>> read(CuratorFramework curator, List<String> paths) throws Exception {
        Map<String, CompletableFuture<Map<String, byte[]>>> reading = new LinkedHashMap<>();
        for (String path : paths) {
            reading.put(path, children(curator, path).thenCompose(names -> data(curator, path, names)));
        }
        Map<String, Map<String, byte[]>> out = new LinkedHashMap<>();
        try {
            CompletableFuture.allOf(reading.values().toArray(CompletableFuture[]::new))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Map.Entry<String, CompletableFuture<Map<String, byte[]>>> e : reading.entrySet()) {
                out.put(e.getKey(), e.getValue().join());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("ZooKeeper did not answer the reads under " + String.join(", ", paths)
                    + " within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return out;
    }

    /** The children's names; none when the directory does not exist (one round trip, no exists check). */
    private static CompletableFuture<List<String>> children(CuratorFramework curator, String path) {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        try {
            curator.getChildren().inBackground((client, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK) {
                    names.complete(event.getChildren());
                } else if (code == KeeperException.Code.NONODE) {
                    names.complete(List.of());
                } else {
                    names.completeExceptionally(KeeperException.create(code, path));
                }
            }).forPath(path);
        } catch (Exception e) {
            names.completeExceptionally(e);
        }
        return names;
    }

    private static CompletableFuture<Map<String, byte[]>> data(CuratorFramework curator, String path, List<String> names) {
        List<CompletableFuture<Map.Entry<String, byte[]>>> reads = new ArrayList<>(names.size());
        for (String child : names) {
            String at = ZKPaths.makePath(path, child);
            CompletableFuture<Map.Entry<String, byte[]>> read = new CompletableFuture<>();
            try {
                curator.getData().inBackground((client, event) -> {
                    KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                    if (code == KeeperException.Code.OK) {
                        read.complete(new AbstractMap.SimpleImmutableEntry<>(child, event.getData()));
                    } else if (code == KeeperException.Code.NONODE) {
                        read.complete(null); // deleted since the listing
                    } else {
                        read.completeExceptionally(KeeperException.create(code, at));
                    }
                }).forPath(at);
            } catch (Exception e) {
                read.completeExceptionally(e);
            }
            reads.add(read);
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, byte[]> out = new TreeMap<>();
            for (CompletableFuture<Map.Entry<String, byte[]>> r : reads) {
                Map.Entry<String, byte[]> e = r.join();
                if (e != null) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        });
    }
}
