package dev.berth.core.state;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * One leadership term: its number and the version of the epoch znode ({@code <root>/epoch}) the leader
 * wrote when it took over. The znode holds the number as decimal text, so {@code zkCli get} shows it.
 *
 * <p>Two values because they serve two readers. ZooKeeper can only make a write conditional on a
 * znode's <em>version</em> (a {@code check} op in the same transaction), so writes are fenced by the
 * version. Agents compare <em>numbers</em>: the number in the data keeps growing even if the znode were
 * removed and made again (its version would start over at 0).
 */
public record LeaderEpoch(long number, String path, int version) {
    /** Where a cluster under {@code root} keeps its epoch. */
    public static String pathUnder(String root) {
        return root + "/epoch";
    }

    /**
     * Begins a new term: the number in the epoch znode plus one, written as a compare-and-set on the
     * version just read, so two masters that both believe they won cannot both get the same term; the
     * later one wins and fences the other. The first term of a cluster is 1.
     */
    public static LeaderEpoch claim(CuratorFramework curator, String root) {
        String path = pathUnder(root);
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Stat read = new Stat();
                long next = parse(path, curator.getData().storingStatIn(read).forPath(path)) + 1;
                Stat written = curator.setData().withVersion(read.getVersion()).forPath(path, bytes(next));
                return new LeaderEpoch(next, path, written.getVersion());
            } catch (KeeperException.NoNodeException e) {
                try {
                    Stat written = new Stat();
                    curator.create().creatingParentsIfNeeded().storingStatIn(written).forPath(path, bytes(1));
                    return new LeaderEpoch(1, path, written.getVersion());
                } catch (KeeperException.NodeExistsException raced) {
                    // another master made it first: read it again
                } catch (Exception other) {
                    throw new ZkRegistry.StateException("cannot create the leader epoch at " + path, other);
                }
            } catch (KeeperException.BadVersionException raced) {
                // another master claimed a term between our read and our write: read it again
            } catch (Exception e) {
                throw new ZkRegistry.StateException("cannot claim a leader epoch at " + path, e);
            }
        }
        throw new IllegalStateException("the leader epoch at " + path + " kept changing while this master claimed it");
    }

    /** The number of the latest term under {@code root}, when one was ever claimed (for messages and tests). */
    public static Optional<Long> current(CuratorFramework curator, String root) {
        return numberAt(curator, pathUnder(root));
    }

    static Optional<Long> numberAt(CuratorFramework curator, String path) {
        try {
            return Optional.of(parse(path, curator.getData().forPath(path)));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new ZkRegistry.StateException("cannot read the leader epoch at " + path, e);
        }
    }

    private static long parse(String path, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the leader epoch at " + path + " holds '" + text
                    + "', not a number; write the highest epoch any master used (or 0) there", e);
        }
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.UTF_8);
    }
}
