package dev.berth.app.it;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.Credentials;
import dev.berth.core.access.Tokens;
import dev.berth.core.http.BearerToken;
import dev.berth.core.client.BerthClient;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AccessViews;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.ServiceViews;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;

/**
 * A cluster of real parts for one integration test class: a ZooKeeper server, masters and agents as
 * {@code berth} processes, each agent on its own loopback address. Logs go to target/it-logs; on
 * close every process is stopped by pid, every task process group the agents started is ended, and
 * the work directories and cgroups are removed.
 */
final class ItCluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);

    /** The ZooKeeper the masters use: one server of its own, or an ensemble the test gave. */
    final ZooKeeper zk;
    /** The ZooKeeper connect string (every server), without the masters' chroot. */
    final String zkConnect;
    final List<BerthProcess> masters = new ArrayList<>();
    final List<String> masterUrls = new ArrayList<>();
    final Map<String, BerthProcess> agents = new LinkedHashMap<>();
    final Map<String, Path> workDirs = new LinkedHashMap<>();
    final Path work;
    /** The admin's credentials file, as an operator makes it with 'berth credentials create'. */
    final Path adminCredentials;
    final Credentials admin;
    /** The masters' shared secret: their ZooKeeper identity and the key of services' secrets. */
    final Path clusterSecret;
    /** The API as the admin. */
    final JsonHttp api;

    /**
     * @param name          prefix of process and agent names (and of cgroups)
     * @param agentResources resources of every agent
     * @param masterArgs     extra arguments of every master, {@code --option value} pairs
     */
    ItCluster(String name, int masterCount, int agentCount, String agentResources, List<String> masterArgs) throws Exception {
        this(name, masterCount, agentCount, agentResources, masterArgs, single(new TestingServer(true)));
    }

    /**
     * A cluster on a ZooKeeper the caller started (an ensemble of several servers); it is closed with the
     * cluster.
     */
    ItCluster(String name, int masterCount, int agentCount, String agentResources, List<String> masterArgs, ZooKeeper zk)
            throws Exception {
        this(name, masterCount, agentCount, agentResources, masterArgs, zk, new Loopback());
    }

    /**
     * A cluster whose nodes run where {@code placement} puts them (loopback addresses of this host, or test
     * hosts of their own) and start as it starts them.
     */
    ItCluster(String name, int masterCount, int agentCount, String agentResources, List<String> masterArgs, ZooKeeper zk,
              Placement placement) throws Exception {
        this.zk = zk;
        this.zkConnect = zk.connectString();
        work = Files.createTempDirectory("berth-it-" + name);
        // as an agent's work dir on a machine, where the users its tasks run as can reach their sandboxes
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 0; i < masterCount; i++) {
            masterUrls.add(placement.masterUrl(i));
        }
        adminCredentials = work.resolve("admin.credentials");
        admin = new Credentials("admin", Tokens.newToken(), masterUrls);
        admin.write(adminCredentials);
        clusterSecret = work.resolve("cluster.secret");
        ClusterSecret.create(clusterSecret);
        api = new JsonHttp(masterUrls, BearerToken.of(admin.token()));
        for (int i = 0; i < masterCount; i++) {
            String master = name + "-master-" + (i + 1);
            URI url = URI.create(masterUrls.get(i));
            Map<String, String> options = new LinkedHashMap<>();
            options.put("zk", zkConnect + "/berth-" + name);
            options.put("http-host", url.getHost());
            options.put("http-port", Integer.toString(url.getPort()));
            options.put("advertise", masterUrls.get(i));
            options.put("agent-timeout", "5");
            options.put("zk-session-timeout", "4");
            options.put("admin-credentials", adminCredentials.toString());
            options.put("cluster-secret", clusterSecret.toString());
            options.put("audit-log", BerthProcess.LOGS.resolve(master + ".audit.log").toAbsolutePath().toString());
            for (int a = 0; a + 1 < masterArgs.size(); a += 2) {
                options.put(masterArgs.get(a).substring(2), masterArgs.get(a + 1));
            }
            masters.add(placement.startMaster(master, i, options, work));
            if (i == 0) {
                awaitTrue(() -> get("/v1/agents") != null, "a leading master");
            }
        }
        for (int i = 0; i < agentCount; i++) {
            String agent = name + "-agent-" + i;
            Path dir = work.resolve(agent);
            workDirs.put(agent, dir);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("master", String.join(",", masterUrls));
            options.put("credentials", principal(agent, "agent", List.of(agent)).toString());
            options.put("ip", placement.agentIp(i));
            options.put("hostname", agent);
            options.put("resources", agentResources);
            options.put("attributes", placement.agentAttributes(i));
            options.put("work-dir", dir.toString());
            // one cache for the agents of this machine, as on a real one: a database's jars download once.
            // A benchmark may keep it between runs (it.artifact.cache), as berth up keeps its data dir.
            options.put("artifact-cache", java.util.Optional.ofNullable(System.getProperty("it.artifact.cache"))
                    .orElse(work.resolve("artifacts").toString()));
            agents.put(agent, placement.startAgent(agent, i, options, work));
        }
        awaitTrue(() -> reachableAgents() == agentCount, agentCount + " reachable agents");
    }

    /**
     * Where the nodes of a cluster run and how they start: each gets its options as a map of long option
     * names (without dashes) to values, to pass as flags or write to a config file.
     */
    interface Placement {
        /** The API URL master {@code i} (0-based) listens on. */
        String masterUrl(int i) throws Exception;

        /** The address agent {@code i}'s tasks bind to. */
        String agentIp(int i);

        /** Agent {@code i}'s attributes. */
        default String agentAttributes(int i) {
            return "zone:z" + i;
        }

        BerthProcess startMaster(String name, int i, Map<String, String> options, Path work) throws Exception;

        BerthProcess startAgent(String name, int i, Map<String, String> options, Path work) throws Exception;
    }

    /** Every node a process of this host started from the build's jar with flags; agents on 127.0.0.2 and up. */
    static final class Loopback implements Placement {
        @Override
        public String masterUrl(int i) throws Exception {
            return "http://127.0.0.1:" + freePort();
        }

        /**
         * Agents on 127.0.0.2, .3, …; a benchmark may start them further up (it.loopback.first) to keep clear
         * of a {@code berth up} on the same machine, whose agents take 127.0.0.2 onwards and the same ports.
         */
        @Override
        public String agentIp(int i) {
            return "127.0.0." + (i + Integer.getInteger("it.loopback.first", 2));
        }

        @Override
        public BerthProcess startMaster(String name, int i, Map<String, String> options, Path work) throws Exception {
            return BerthProcess.start(name, "prod", List.of(), flags("master", options));
        }

        @Override
        public BerthProcess startAgent(String name, int i, Map<String, String> options, Path work) throws Exception {
            return BerthProcess.start(name, "agent", List.of(), flags("agent", options));
        }

        private static String[] flags(String command, Map<String, String> options) {
            List<String> args = new ArrayList<>(List.of(command));
            options.forEach((k, v) -> {
                args.add("--" + k);
                args.add(v);
            });
            return args.toArray(String[]::new);
        }
    }

    /** ZooKeeper servers the masters use: their connect string, and close stops them. */
    interface ZooKeeper extends AutoCloseable {
        String connectString();
    }

    private static ZooKeeper single(TestingServer server) {
        return new ZooKeeper() {
            @Override
            public String connectString() {
                return server.getConnectString();
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    /**
     * A new principal with a built-in role on objects, made through the API as the admin; answers its
     * credentials file (owner-only), as 'berth principal create NAME --role ROLE --out FILE' writes it.
     */
    Path principal(String name, String role, List<String> objects) {
        AccessViews.Created created = api.post("/v1/access/principals", new AccessViews.CreatePrincipal(name,
                "made by the test", role, objects), AccessViews.Created.class, Duration.ofSeconds(30));
        Path file = work.resolve(name + ".credentials");
        new Credentials(name, created.token(), masterUrls).write(file);
        return file;
    }

    /** The API as the principal of a credentials file. */
    /** The typed client as the admin, as an application would hold it. */
    BerthClient client() {
        return new BerthClient(masterUrls, BearerToken.of(admin.token()));
    }

    JsonHttp apiAs(Path credentials) {
        return new JsonHttp(masterUrls, BearerToken.of(Credentials.read(credentials).token()));
    }

    List<ClusterViews.AgentRow> agentRows() {
        return api.get("/v1/agents", new TypeReference<>() {
        });
    }

    List<ClusterViews.TaskRow> taskRows() {
        return api.get("/v1/tasks", new TypeReference<>() {
        });
    }

    List<ClusterViews.ReservationRow> reservationRows() {
        return api.get("/v1/reservations", new TypeReference<>() {
        });
    }

    List<ServiceViews.ServiceRow> serviceRows() {
        return api.get("/v1/services", new TypeReference<>() {
        });
    }

    List<FrameworkInfo> frameworks() {
        return api.get("/v1/frameworks", new TypeReference<>() {
        });
    }

    long reachableAgents() {
        return agentRows().stream().filter(a -> a.status().equals("REACHABLE")).count();
    }

    Object get(String path) {
        return api.get(path, Object.class);
    }

    /** Restarts master {@code i} with {@code moreArgs} added to its options, as an operator changing its configuration. */
    void restartMaster(int i, String... moreArgs) throws Exception {
        masters.set(i, masters.get(i).restartWith(List.of(moreArgs)));
    }

    /** The process of the master that leads now. */
    BerthProcess leader() {
        api.get("/v1/agents", Object.class);
        return masters.get(masterUrls.indexOf(api.currentMaster()));
    }

    /** Runs a client command of the real binary against this cluster and answers its output (stdout and stderr). */
    CommandResult cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.profile=cli", "-jar", BerthProcess.JAR.toString()));
        cmd.addAll(List.of(args));
        cmd.add("--master");
        cmd.add(String.join(",", masterUrls));
        cmd.add("--credentials");
        cmd.add(adminCredentials.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new CommandResult(p.waitFor(), out);
    }

    record CommandResult(int exitCode, String output) {
    }

    /** A condition that may ask a real part, and so may throw (which counts as not yet). */
    interface Condition {
        boolean holds() throws Exception;
    }

    static void awaitTrue(Condition condition, String what) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(condition::holds);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Task id → the OS users its processes run as, over every agent, for the tasks running now. */
    Map<String, java.util.Set<String>> taskProcessUsers() throws java.io.IOException {
        Map<String, java.util.Set<String>> users = new java.util.TreeMap<>();
        for (Path dir : workDirs.values()) {
            users.putAll(TaskProcessUsers.of(dir));
        }
        return users;
    }

    /**
     * The process group of a task's process tree on the agent named {@code agent}: the agent starts each
     * task in its own session, its leader's pid written to the sandbox's {@code .berth/pid}.
     */
    long taskProcessGroup(String agent, String taskId) throws java.io.IOException {
        Path pidFile = workDirs.get(agent).resolve("sandboxes").resolve(taskId).resolve(".berth/pid");
        return Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
    }

    /**
     * Keeps every task's stdout and stderr (a database node's own log) under target/it-logs/AGENT/, so a
     * red run can be understood after its work directories are gone.
     */
    private static void keepTaskLogs(String agent, Path workDir) throws java.io.IOException {
        Path sandboxes = workDir.resolve("sandboxes");
        if (!Files.isDirectory(sandboxes)) {
            return;
        }
        Path kept = BerthProcess.LOGS.resolve(agent);
        Files.createDirectories(kept);
        try (var tasks = Files.list(sandboxes)) {
            for (Path sandbox : tasks.toList()) {
                for (String stream : List.of("stdout", "stderr")) {
                    Path file = sandbox.resolve(stream);
                    if (Files.isRegularFile(file)) {
                        Files.copy(file, kept.resolve(sandbox.getFileName() + "." + stream),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (BerthProcess a : agents.values()) {
            a.close();
        }
        for (Map.Entry<String, Path> e : workDirs.entrySet()) {
            TaskProcessCleanup.stopTasks(e.getValue());
            TaskProcessCleanup.removeCgroups(e.getKey());
            keepTaskLogs(e.getKey(), e.getValue());
        }
        for (BerthProcess m : masters) {
            m.close();
        }
        zk.close();
        try (var walk = Files.walk(work)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
