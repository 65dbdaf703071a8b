package dev.berth.app.it;

import dev.berth.cassandra.backup.StoreCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for integration tests: S3Proxy (Maven Central's {@code org.gaul:s3proxy}, its
 * jar-with-dependencies, which the build copies to {@code target/s3proxy/s3proxy.jar}) started as a java
 * process of its own on 127.0.0.1 and a free port, keeping its buckets as directories under the caller's
 * {@code dir} (jclouds' filesystem provider) and checking AWS signatures (v2 or v4) against a test identity
 * with a credential made for this start. Its output goes to {@code target/it-logs/s3proxy-PORT.log}, which
 * CI prints when a run fails and a failed start puts into its exception. {@link #close} stops it by pid:
 * SIGTERM, a grace period, then SIGKILL. The caller owns {@code dir} and removes it.
 */
final class S3ProxyServer implements AutoCloseable {
    static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");
    private static final String IDENTITY = "berth-test";
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final StoreCredentials credentials;
    private final Path log;
    private final Duration startTime;

    private S3ProxyServer(Process process, int port, StoreCredentials credentials, Path log, Duration startTime) {
        this.process = process;
        this.port = port;
        this.credentials = credentials;
        this.log = log;
        this.startTime = startTime;
    }

    /** Starts a server whose buckets live under {@code dir}; answers once it serves HTTP. */
    static S3ProxyServer start(Path dir) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the build copies it in the"
                    + " pre-integration-test phase (mvn verify), from org.gaul:s3proxy:jar-with-dependencies");
        }
        int port = ItCluster.freePort();
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        StoreCredentials credentials = new StoreCredentials(IDENTITY, HexFormat.of().formatHex(secret));
        Path blobs = Files.createDirectories(dir.resolve("s3proxy-blobs"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + credentials.accessKey(),
                "s3proxy.credential=" + credentials.secretKey(),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs.toAbsolutePath()) + "\n");
        Files.createDirectories(BerthProcess.LOGS);
        Path log = BerthProcess.LOGS.resolve("s3proxy-" + port + ".log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toAbsolutePath().toString());
        Files.writeString(log, "=== start: " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            awaitServing(process, port);
        } catch (Exception e) {
            stop(process);
            throw new IllegalStateException("S3Proxy did not serve on 127.0.0.1:" + port + " within " + START_WITHIN
                    + " (" + e.getMessage() + "); its log " + log + ":\n" + Files.readString(log), e);
        }
        Duration startTime = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("S3Proxy (pid " + process.pid() + ") serving at http://127.0.0.1:" + port + " after "
                + startTime.toMillis() + " ms");
        return new S3ProxyServer(process, port, credentials, log, startTime);
    }

    /** Any HTTP answer counts (an anonymous GET is refused with 403): the server is up and parsing requests. */
    private static void awaitServing(Process process, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended with exit code " + process.exitValue());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no HTTP answer: " + notYet);
                }
                // the JVM is still starting: ask again after 200 ms, or at once should the process end
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The server's URL, for {@code backup.s3_endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The identity and credential the server accepts. */
    StoreCredentials credentials() {
        return credentials;
    }

    /** How long the process took from its start to its first HTTP answer. */
    Duration startTime() {
        return startTime;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** An SDK client for the server, path-style, with the server's credentials; the caller closes it. */
    S3Client client() {
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1).endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKey(), credentials.secretKey())))
                .build();
    }

    void createBucket(String name) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(name));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM, to this pid only
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
