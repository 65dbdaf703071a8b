package dev.berth.app.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A ZooKeeper ensemble of real servers for an integration test: each server a {@code QuorumPeerMain}
 * process of its own (the test's classpath holds ZooKeeper), on 127.0.0.1 with ports of its own or on a test
 * host of its own ({@link NetHosts}), with its own data directory, its output in
 * {@code target/it-logs/NAME-zk-N.log}. A server can be restarted (SIGKILL, as a
 * crash, then started again on the same data); {@link #close} stops every server by pid (SIGTERM, grace,
 * SIGKILL) and removes the data.
 */
final class ZkEnsemble implements ItCluster.ZooKeeper {
    private final String name;
    private final Path dir;
    private final List<String> addresses;
    private final IntFunction<List<String>> inHost;
    private final List<Integer> clientPorts = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    /** {@code size} servers on 127.0.0.1, each with ports of its own. */
    ZkEnsemble(String name, int size) throws Exception {
        this(name, java.util.Collections.nCopies(size, "127.0.0.1"), k -> List.of(), false);
    }

    /**
     * A server on each of {@code addresses}, server {@code k} started with {@code inHost.apply(k)} before its
     * command (to run it inside a test host); with {@code standardPorts} each uses ZooKeeper's own ports
     * (2181, 2888, 3888), as on hosts of their own.
     */
    ZkEnsemble(String name, List<String> addresses, IntFunction<List<String>> inHost, boolean standardPorts) throws Exception {
        this.name = name;
        this.addresses = List.copyOf(addresses);
        this.inHost = inHost;
        this.dir = Files.createTempDirectory("berth-it-zk-" + name);
        int size = addresses.size();
        List<String> peers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String address = addresses.get(i - 1);
            clientPorts.add(standardPorts ? 2181 : ItCluster.freePort());
            peers.add("server." + i + "=" + address + ":" + (standardPorts ? 2888 : ItCluster.freePort()) + ":"
                    + (standardPorts ? 3888 : ItCluster.freePort()));
        }
        for (int i = 1; i <= size; i++) {
            Path data = Files.createDirectories(dir.resolve("zk-" + i));
            Files.writeString(data.resolve("myid"), Integer.toString(i));
            // tickTime 1 s: sessions of 2-20 s, the masters ask for 4 s
            Files.writeString(dir.resolve("zk-" + i + ".cfg"), String.join("\n",
                    "tickTime=1000", "initLimit=10", "syncLimit=5", "dataDir=" + data,
                    "clientPort=" + clientPorts.get(i - 1), "clientPortAddress=" + addresses.get(i - 1),
                    "admin.enableServer=false", "4lw.commands.whitelist=srvr,ruok",
                    "maxClientCnxns=0", String.join("\n", peers)) + "\n");
            servers.add(null);
            start(i - 1);
        }
        ItCluster.awaitTrue(this::allServing, "all " + size + " ZooKeeper servers serving in one quorum");
    }

    int size() {
        return servers.size();
    }

    @Override
    public String connectString() {
        return IntStream.range(0, size()).mapToObj(i -> addresses.get(i) + ":" + clientPorts.get(i))
                .collect(Collectors.joining(","));
    }

    private void start(int index) throws IOException {
        Path log = BerthProcess.LOGS.resolve(name + "-zk-" + (index + 1) + ".log");
        Files.createDirectories(BerthProcess.LOGS);
        Files.writeString(log, "=== start\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        List<String> cmd = new ArrayList<>(inHost.apply(index));
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                dir.resolve("zk-" + (index + 1) + ".cfg").toString()));
        servers.set(index, new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    /** SIGKILL of server {@code index} (0-based), as a crash; answers once its process is gone. */
    void kill(int index) throws InterruptedException {
        Process p = servers.get(index);
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("ZooKeeper server " + (index + 1) + " (pid " + p.pid() + ") did not end on SIGKILL");
        }
    }

    /** Starts server {@code index} again on its own data, after {@link #kill}. */
    void startAgain(int index) throws IOException {
        start(index);
    }

    /** What a server says of itself ({@code srvr}): its mode, leader or follower, when it serves in a quorum. */
    Optional<String> mode(int index) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(addresses.get(index), clientPorts.get(index)), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when every server serves as the leader or a follower of one quorum. */
    boolean allServing() {
        List<String> modes = IntStream.range(0, size()).mapToObj(i -> mode(i).orElse("down")).toList();
        return modes.stream().filter("leader"::equals).count() == 1
                && modes.stream().filter("follower"::equals).count() == size() - 1;
    }

    /** The index of the server that leads the ensemble now, if one does. */
    Optional<Integer> leader() {
        return IntStream.range(0, size()).boxed().filter(i -> mode(i).filter("leader"::equals).isPresent()).findFirst();
    }

    @Override
    public void close() throws Exception {
        for (Process p : servers) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
