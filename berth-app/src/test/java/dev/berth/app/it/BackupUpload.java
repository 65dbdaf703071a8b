package dev.berth.app.it;

import dev.berth.cassandra.backup.BackupLocation;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.BackupStores;
import dev.berth.cassandra.backup.StoreCredentials;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Uploads one file to a backup store, in a JVM of its own: {@link BackupStoreIT} runs it with a heap smaller
 * than the file, which only a store that streams the file (rather than holding it in memory) survives.
 * Arguments: LOCATION ENDPOINT KEY FILE; the credentials come in the environment (BACKUP_ACCESS_KEY,
 * BACKUP_SECRET_KEY), so no secret shows in the process list.
 */
final class BackupUpload {
    private BackupUpload() {
    }

    public static void main(String[] args) throws Exception {
        StoreCredentials credentials = new StoreCredentials(System.getenv("BACKUP_ACCESS_KEY"), System.getenv("BACKUP_SECRET_KEY"));
        try (BackupStore store = BackupStores.open(BackupLocation.parse(args[0], args[1], null), Optional.of(credentials))) {
            System.out.println("sent " + store.putIfAbsent(args[2], Path.of(args[3])) + " bytes");
        }
    }
}
