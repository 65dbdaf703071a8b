package dev.berth.cassandra.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A backup store in an S3 bucket (AWS or any S3-compatible server), under the location's key prefix. A PUT
 * is atomic in S3 itself: an object appears whole when its upload completes, or not at all. Files go up in
 * one PUT each, streamed from disk ({@link RequestBody#fromFile}): SSTables of a few hundred MB fit S3's
 * 5 GB limit for one PUT, and a failed one is retried from the start by the next backup run, which is
 * what a multipart upload's resumption would buy at the price of cleaning up abandoned parts.
 */
final class S3Store implements BackupStore {
    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String server;
    private final S3Failures failures;

    private S3Store(S3Client client, BackupLocation location, String server, S3Failures failures) {
        this.client = client;
        this.bucket = location.bucket();
        this.prefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        this.server = server;
        this.failures = failures;
    }

    /** The store at {@code location}, once the bucket is known to exist and to let these credentials in. */
    static S3Store open(BackupLocation location, Optional<StoreCredentials> credentials) throws IOException {
        String server = location.endpoint().orElse("AWS S3 in " + location.region());
        S3Failures failures = new S3Failures(location.bucket(), server, location.region(),
                credentials.map(StoreCredentials::accessKey).orElse("(the SDK's default credentials)"));
        S3Client client = S3Clients.build(location, credentials);
        S3Store store = new S3Store(client, location, server, failures);
        try {
            client.headBucket(b -> b.bucket(store.bucket));
        } catch (SdkException e) {
            client.close();
            throw failures.ofBucketCheck(e);
        }
        return store;
    }

    @Override
    public long putIfAbsent(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size(key).filter(stored -> stored == size).isPresent()) {
            return 0;
        }
        try {
            client.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentLength(size), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failures.of("upload of key '" + key + "'", e);
        }
        return size;
    }

    @Override
    public void putBytes(String key, byte[] content) throws IOException {
        try {
            client.putObject(b -> b.bucket(bucket).key(objectKey(key)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failures.of("upload of key '" + key + "'", e);
        }
    }

    @Override
    public Optional<byte[]> getBytes(String key) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failures.of("download of key '" + key + "'", e);
        }
    }

    @Override
    public void download(String key, Path target) throws IOException {
        String objectKey = objectKey(key);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // the SDK writes a file that must not exist yet; the rename makes the whole file appear at once
        Path part = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            client.getObject(b -> b.bucket(bucket).key(objectKey), ResponseTransformer.toFile(part));
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, "no object under this key in " + describe());
        } catch (SdkException e) {
            throw failures.of("download of key '" + key + "'", e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        BackupKeys.checkPrefix(keyPrefix);
        List<String> keys = new ArrayList<>();
        try {
            // the paginator asks ListObjectsV2 again with each continuation token until the listing ends
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix))
                    .contents()) {
                keys.add(object.key().substring(prefix.length()));
            }
        } catch (SdkException e) {
            throw failures.of("listing of prefix '" + keyPrefix + "'", e);
        }
        // S3 sorts by UTF-8 bytes; sorting here gives the directory store's order for every key
        Collections.sort(keys);
        return keys;
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(objectKey(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // a HEAD's answer has no body, so no error code to make it a NoSuchKey
                return Optional.empty();
            }
            throw failures.of("size of key '" + key + "'", e);
        } catch (SdkException e) {
            throw failures.of("size of key '" + key + "'", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw failures.of("deletion of key '" + key + "'", e);
        }
    }

    @Override
    public String describe() {
        return "bucket '" + bucket + "'" + (prefix.isEmpty() ? "" : " under '" + prefix + "'") + " at " + server;
    }

    @Override
    public void close() {
        client.close();
    }

    private String objectKey(String key) {
        return prefix + BackupKeys.check(key);
    }
}
