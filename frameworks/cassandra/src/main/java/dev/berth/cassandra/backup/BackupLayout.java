package dev.berth.cassandra.backup;

/**
 * Where things lie in a backup store, under the service's name so that services may share one bucket or
 * directory, and a new service can restore another's backup ({@code from=SERVICE/NAME}):
 * <ul>
 *   <li>{@code SERVICE/sstables/NODE/KEYSPACE/TABLE_DIR/FILE}: sstable files, shared by every backup
 *       that holds them (a file of a table directory never changes once written, so a later backup
 *       uploads only the files that are new: incremental);</li>
 *   <li>{@code SERVICE/backups/NAME/nodes/NODE.json}: each node's part ({@link NodeBackupPart});</li>
 *   <li>{@code SERVICE/backups/NAME/manifest.json}: the backup's manifest, written last: a backup
 *       without one is incomplete.</li>
 * </ul>
 */
public final class BackupLayout {
    private BackupLayout() {
    }

    public static String sstable(String service, String node, String keyspace, String tableDir, String file) {
        return service + "/sstables/" + node + "/" + keyspace + "/" + tableDir + "/" + file;
    }

    public static String nodePart(String service, String backup, String node) {
        return nodeParts(service, backup) + node + ".json";
    }

    public static String nodeParts(String service, String backup) {
        return backups(service) + backup + "/nodes/";
    }

    public static String manifest(String service, String backup) {
        return backups(service) + backup + "/manifest.json";
    }

    public static String backups(String service) {
        return service + "/backups/";
    }
}
