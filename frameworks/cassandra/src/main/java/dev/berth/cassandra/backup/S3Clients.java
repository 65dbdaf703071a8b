package dev.berth.cassandra.backup;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK's S3 client for a location. The HTTP client is named here rather than found on the class
 * path, so the SDK never looks for netty or Apache (excluded from the build) and behaves the same inside the
 * Quarkus application and in a plain JVM.
 */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client build(BackupLocation location, Optional<StoreCredentials> credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        // the answer to a PUT comes after the last byte is stored: a slow disk behind the server
                        .socketTimeout(Duration.ofMinutes(2)))
                .region(Region.of(location.region()))
                .credentialsProvider(provider(credentials));
        location.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint))
                // S3-compatible servers (MinIO, Ceph, S3Proxy, Garage) seldom have a DNS name per bucket
                .forcePathStyle(true));
        return builder.build();
    }

    /**
     * Without credentials of its own the store uses the SDK's default chain (environment, profile, the
     * machine's role), as any AWS tool on that machine would.
     */
    private static AwsCredentialsProvider provider(Optional<StoreCredentials> credentials) {
        return credentials.<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKey(), c.secretKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
