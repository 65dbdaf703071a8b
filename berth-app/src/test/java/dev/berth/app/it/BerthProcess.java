package dev.berth.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code berth} binary started as a process for an integration test (a master or an agent),
 * its output kept in {@code target/it-logs/NAME.log} so a failed run can be read from the logs CI
 * prints. Stopped by pid: SIGTERM, a grace period, then SIGKILL.
 */
final class BerthProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Path LOGS = Path.of("target/it-logs");

    final String name;
    private final List<String> command;
    private Process process;

    private final java.util.Map<String, String> environment;

    private BerthProcess(String name, List<String> command, java.util.Map<String, String> environment) {
        this.name = name;
        this.command = command;
        this.environment = environment;
    }

    /**
     * Any command that runs a Berth node (the distribution's launcher, inside a test host, say), with
     * {@code environment} added to this JVM's.
     */
    static BerthProcess run(String name, List<String> command, java.util.Map<String, String> environment) throws IOException {
        BerthProcess p = new BerthProcess(name, List.copyOf(command), java.util.Map.copyOf(environment));
        p.startAgain();
        return p;
    }

    static BerthProcess start(String name, String profile, List<String> jvmProperties, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after `mvn package`");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx256m");
        cmd.add("-Dquarkus.profile=" + profile);
        cmd.addAll(jvmProperties);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        return run(name, cmd, java.util.Map.of());
    }

    /** Starts the same command again (after a kill), appending to the same log. */
    void startAgain() throws IOException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        Files.writeString(log, "=== start: " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Stops this process (SIGTERM, then SIGKILL after a grace period) and starts its command again with {@code moreArgs}. */
    BerthProcess restartWith(List<String> moreArgs) throws IOException, InterruptedException {
        close();
        List<String> again = new ArrayList<>(command);
        again.addAll(moreArgs);
        return run(name, again, environment);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash would do it: no shutdown hook runs. */
    void sigkill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM
        if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
