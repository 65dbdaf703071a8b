package dev.berth.cassandra.backup;

import java.io.IOException;
import java.util.Optional;

/** Opens the store a {@link BackupLocation} names. */
public final class BackupStores {
    private BackupStores() {
    }

    /**
     * The store at {@code location}: a directory (created when missing, the owner's only) or an S3 bucket,
     * which must exist and let {@code credentials} in (checked here, so a wrong location or key fails before a
     * backup starts). Without credentials an S3 store uses the SDK's default chain; a directory needs none.
     *
     * @throws IOException naming the directory or the bucket and what is wrong with it
     */
    public static BackupStore open(BackupLocation location, Optional<StoreCredentials> credentials) throws IOException {
        return switch (location.kind()) {
            case DIRECTORY -> DirectoryStore.open(location.directory());
            case S3 -> S3Store.open(location, credentials);
        };
    }
}
