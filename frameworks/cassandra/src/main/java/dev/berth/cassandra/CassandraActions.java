package dev.berth.cassandra;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.pkg.ReleaseVersion;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.PodInstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps a Cassandra update plan ends with, once every node rolled (or joined). Neither is held
 * back: both are what an operator would run next anyway, and neither can be undone nor needs to be.
 * <ul>
 *   <li>{@code upgradesstables} after a version upgrade: the nodes read the older sstable formats but
 *       would keep them until compaction happens to rewrite them; a later upgrade may no longer read
 *       them, and streaming (repair, replace, bootstrap) of mixed formats is slower.</li>
 *   <li>{@code cleanup-nodes-0-2} after a scale-up from 3 nodes: the new nodes took ranges over from
 *       the old ones, which still hold that data on disk (and would serve it again, stale, if the
 *       ranges came back to them). The old nodes are in the name, since only the name reaches
 *       {@link CassandraHooks#runAction}.</li>
 * </ul>
 */
final class CassandraActions {
    static final String UPGRADE = "upgradesstables";
    private static final String CLEANUP = "cleanup-nodes-";
    private static final Pattern CLEANUP_NAME = Pattern.compile("cleanup-nodes-0-(\\d+)");

    private CassandraActions() {
    }

    /** What an update from {@code before} to {@code after} (the options) ends with. */
    static List<PackageAction> after(Map<String, Object> before, Map<String, Object> after) {
        List<PackageAction> out = new ArrayList<>();
        Optional<ReleaseVersion> was = ReleaseVersion.of(before.get(CassandraOptionRules.VERSION));
        Optional<ReleaseVersion> now = ReleaseVersion.of(after.get(CassandraOptionRules.VERSION));
        if (was.isPresent() && now.isPresent() && now.get().compareTo(was.get()) > 0) {
            out.add(new PackageAction(UPGRADE, "upgradesstables on every node, one after the other, to the sstable "
                    + "format of Cassandra " + after.get(CassandraOptionRules.VERSION), false));
        }
        int oldCount = count(before);
        if (oldCount > 0 && count(after) > oldCount) {
            out.add(new PackageAction(cleanup(oldCount), "cleanup on " + new PodInstanceId(CassandraHooks.POD, 0) + " to "
                    + new PodInstanceId(CassandraHooks.POD, oldCount - 1)
                    + ", one after the other: drop the data of ranges the new nodes took over", false));
        }
        return out;
    }

    /** The cleanup action after a scale-up from {@code oldCount} nodes. */
    static String cleanup(int oldCount) {
        return CLEANUP + "0-" + (oldCount - 1);
    }

    /** How many nodes a cleanup action runs on (node-0 up to the number excluded), when it is one. */
    static OptionalInt cleanupCount(String action) {
        Matcher m = CLEANUP_NAME.matcher(action);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)) + 1);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static int count(Map<String, Object> options) {
        return OptionRules.number(options.get(CassandraOptionRules.COUNT)).orElse(0L).intValue();
    }
}
