package dev.berth.cassandra.backup;

import java.util.Objects;

/**
 * The access key and secret key of an S3-compatible store (the service's secrets). The secret key never
 * leaves this record in text: {@link #toString} shows the access key only, and no store puts either into
 * an exception or a log line beyond the access key, which identifies without granting.
 */
public record StoreCredentials(String accessKey, String secretKey) {
    public StoreCredentials {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("backup credentials: the access key is empty");
        }
        Objects.requireNonNull(secretKey, "backup credentials: the secret key is null");
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("backup credentials for access key '" + accessKey + "': the secret key is empty");
        }
    }

    @Override
    public String toString() {
        return "StoreCredentials[accessKey=" + accessKey + ", secretKey=****]";
    }
}
