package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.cassandra.CqlSessions;
import dev.berth.cassandra.Login;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Cassandra ring run by Berth through its life, one cluster for the class: installed at 5.0.5
 * through the CLI on four agent processes (127.0.0.2-5), one node joining after the other, with logins
 * on (only the service's superuser, with its generated password, gets in over CQL and JMX); a keyspace
 * replicated three times written and read at QUORUM through the native-client endpoint; the repair and
 * cleanup plans; bad options refused without a change; then, while a QUORUM writer keeps writing
 * numbered rows, a rolling config update, an upgrade to 5.0.6 ending with upgradesstables on every
 * node, a replace of node-2 onto the fourth agent and one of node-1 whose machine (agent and node) is
 * lost, after which every acknowledged row reads back at QUORUM; a scale-up to four nodes ending with a cleanup of the old three, and a scale-down back to
 * three that decommissions node-3 before its volume goes; uninstall releasing every reservation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraServiceIT {
    static final String DATACENTER = "dc1";
    static final String FROM_VERSION = "5.0.5";
    static final String TO_VERSION = "5.0.6";
    static final String ROLE = "berth/cassandra";
    /** Serial joins or rolls of real nodes on two shared cores: well beyond ItCluster's 90 s. */
    static final Duration PLAN_WAIT = Duration.ofMinutes(4);
    /** How long a lost node's agent may stay away before the node is replaced elsewhere (default 600 s). */
    static final Duration PERMANENT_FAILURE = Duration.ofSeconds(20);
    static final ObjectName STORAGE_SERVICE = storageService();
    /** How long each phase took, printed at the end for the package's README. */
    static final Map<String, String> FIGURES = new LinkedHashMap<>();
    static ItCluster cluster;
    static CqlSession session;
    static final String SUPERUSER = "admin";
    /** The service's generated superuser password, read once deployed. */
    static String password;
    static QuorumWriter writer;

    @BeforeAll
    static void start() throws Exception {
        // four agents: a replaced node needs an agent the ring does not use, and so does a fourth node.
        // Each node reserves 0.5 cpus and 1536 MiB for its server plus 2 x (0.08 cpus, 256 MiB) for nodetool.
        cluster = new ItCluster("it-cassandra", 1, 4, "cpus:1;mem:3072;disk:8192;ports:[31000-31010]",
                List.of("--permanent-failure-timeout", Long.toString(PERMANENT_FAILURE.toSeconds())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (session != null) {
            session.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        FIGURES.forEach((what, figure) -> System.out.printf("cassandra IT: %s: %s%n", what, figure));
    }

    // ------------------------------------------------------------------ the tests, in order

    @Test
    @Order(1)
    void threeNodesOfTheOlderReleaseFormARingThatServesQuorumReadsAndWrites() throws Exception {
        long begin = System.nanoTime();
        // fast_join: a fresh ring holds no data, so the 30 s ring delay buys nothing here
        // each agent of ItCluster has a zone of its own (zone:zN): spread across zones, racks are the zones
        ok("install", "cassandra", "--set", "cassandra.fast_join=true", "--set", "cassandra.datacenter=" + DATACENTER,
                "--set", "cassandra.version=" + FROM_VERSION, "--set", "nodes.spread_by=zone");
        awaitComplete("deploy", PLAN_WAIT);
        figure("deploy of 3 nodes at " + FROM_VERSION + " with logins on", begin);
        ServiceViews.PlanView deploy = plan("deploy");
        assertThat(deploy.phases().get(deploy.phases().size() - 1).name()).isEqualTo("secure-superuser");
        password = cluster.api.get("/v1/services/cassandra/secrets/superuser_password",
                ServiceViews.SecretValue.class).value();
        assertThat(password).matches("[A-Za-z0-9]{24}");
        List<ClusterViews.TaskRow> tasks = cluster.api.get("/v1/tasks", new TypeReference<>() {
        });
        tasks.stream().filter(t -> t.name().endsWith("-server") && t.state().equals("RUNNING"))
                .forEach(t -> System.out.printf("cassandra: %s memory %d MiB%n", t.name(), t.memoryBytes() >> 20));

        // a node's own log (the package logs to stdout, which the sandbox keeps), read by its agent through the
        // master; the tail first: a log only grows
        String tail = ok("pod", "logs", "cassandra", "node-0", "--task", "server", "--tail", "3").output();
        String nodeLog = ok("pod", "logs", "cassandra", "node-0", "--task", "server").output();
        assertThat(nodeLog).contains("Startup complete").contains(tail.strip());
        assertThat(tail.strip().lines()).hasSizeBetween(1, 3);
        System.out.println("cassandra: node-0's log, " + nodeLog.length() + " characters; its last lines:\n" + tail.strip());

        String contactPoints = endpoint("native-client");
        assertThat(contactPoints).matches("127\\.0\\.0\\.\\d:310\\d\\d(,127\\.0\\.0\\.\\d:310\\d\\d){2}");
        session = QuorumWriter.session(contactPoints, DATACENTER, SUPERUSER, password);
        assertThat(session.getMetadata().getNodes()).hasSize(3);
        // the rack of each node is its agent's zone (GossipingPropertyFileSnitch), as the ring itself says
        // (the driver's view of the nodes: system.local and system.peers of one node, as it read them)
        Map<String, String> racks = new HashMap<>();
        session.getMetadata().getNodes().values().forEach(n -> racks.put(
                n.getBroadcastAddress().orElseThrow().getAddress().getHostAddress(), n.getRack()));
        Map<String, String> zones = new HashMap<>();
        for (ServiceViews.PodRow p : pods()) {
            zones.put(p.ip(), "z" + (Integer.parseInt(p.ip().substring(p.ip().lastIndexOf('.') + 1)) - 2));
        }
        assertThat(racks).isEqualTo(zones);
        QuorumWriter.createTable(session, DATACENTER);
        PreparedStatement insert = session.prepare("INSERT INTO numbers.n (id, square) VALUES (?, ?)");
        for (int i = 0; i < 100; i++) {
            session.execute(insert.bind(i, (long) i * i).setConsistencyLevel(ConsistencyLevel.QUORUM));
        }
        Map<Integer, Long> read = readAll();
        assertThat(read).hasSize(100);
        read.forEach((id, square) -> assertThat(square).isEqualTo((long) id * id));
        assertThat(releaseVersions()).containsOnly(FROM_VERSION).hasSize(3);
        // the nodes run as the package's default OS user, not as the root agents that started them
        Map<String, Set<String>> users = cluster.taskProcessUsers();
        System.out.println("cassandra: OS users of the running tasks' processes: " + users);
        assertThat(users).hasSize(3).allSatisfy((task, owners) -> assertThat(owners).containsExactly("nobody"));

        // the CLI's CQL client logs in with the service's password by itself
        assertThat(ok("cassandra", "cql", "cassandra", "SELECT id, square FROM numbers.n WHERE id = 7").output())
                .containsPattern("id\\s+square\\s*\\n7\\s+49\\s*\\n\\(1 row\\)");
        // a table created by one statement is there for the next, whichever node coordinates it
        assertThat(ok("cassandra", "cql", "cassandra", "CREATE TABLE numbers.notes (id int PRIMARY KEY, note text)",
                "INSERT INTO numbers.notes (id, note) VALUES (7, 'seven')", "SELECT id, note FROM numbers.notes").output())
                .containsPattern("OK\\s*\\nOK\\s*\\nid\\s+note\\s*\\n7\\s+seven\\s*\\n\\(1 row\\)");
    }

    @Test
    @Order(2)
    void onlyTheServicesSuperuserLogsInAndItsPasswordIsShownOnlyWhenAskedFor() throws Exception {
        String contactPoints = endpoint("native-client");
        // Cassandra's well-known default role is gone, and nobody gets in without a password
        assertThatThrownBy(() -> CqlSessions.open(contactPoints, DATACENTER, Optional.of(new Login("cassandra", "cassandra")),
                Duration.ofSeconds(10)).close()).isInstanceOf(CqlSessions.LoginRefused.class);
        assertThatThrownBy(() -> CqlSessions.open(contactPoints, DATACENTER, Optional.of(new Login(SUPERUSER, "guess")),
                Duration.ofSeconds(10)).close()).isInstanceOf(CqlSessions.LoginRefused.class);
        assertThatThrownBy(() -> CqlSessions.open(contactPoints, DATACENTER, Optional.empty(), Duration.ofSeconds(10)).close())
                .isInstanceOf(CqlSessions.LoginRefused.class).hasMessageContaining("requires authentication");
        assertThat(session.execute("SELECT role FROM system_auth.roles").all()).extracting(r -> r.getString("role"))
                .containsExactly(SUPERUSER);
        // the roles live on every node: a login survives any one node down
        assertThat(session.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'")
                .one().getMap("replication", String.class, String.class)).containsEntry("replication_factor", "3");
        // JMX too: nodetool and Berth's hooks log in as the superuser
        String jmx = endpoint("jmx").split(",")[0];
        assertThatThrownBy(() -> JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx
                + "/jmxrmi")).close()).isInstanceOf(SecurityException.class);

        assertThat(ok("secret", "cassandra", "superuser_password").output()).contains(password);
        String listed = ok("secret", "cassandra").output();
        assertThat(listed).contains("superuser_password", fingerprint(password)).doesNotContain(password);
        // what the API shows of a launch leaves out the files, one of which holds the password
        assertThat(ok("pod", "info", "cassandra", "node-0").output()).contains("jmxremote.password", "not shown")
                .doesNotContain(password);
    }

    @Test
    @Order(3)
    void theRepairAndCleanupPlansRunNodetoolOnEachNodeInTurn() throws Exception {
        for (String name : List.of("repair", "cleanup")) {
            assertThat(plan(name).interrupted()).as("declared plans wait for an operator").isTrue();
            long begin = System.nanoTime();
            ok("plan", "start", "cassandra", name);
            awaitComplete(name, Duration.ofMinutes(2));
            figure(name + " plan on 3 nodes", begin);
            // a step completes when its nodetool FINISHED, so a complete plan has no nodetool running
            assertThat(pods()).flatExtracting(ServiceViews.PodRow::tasks).filteredOn(t -> t.name().endsWith("-" + name))
                    .extracting(ServiceViews.TaskRow::state).containsExactly("FINISHED", "FINISHED", "FINISHED");
        }
    }

    @Test
    @Order(4)
    void aBackupUploadsEveryNodesSnapshotAndAManifestAndASecondOneOnlyTheNewFiles() throws Exception {
        // a store the nodes' OS user (nobody) may create its owner-only folders in
        java.nio.file.Path store = cluster.work.resolve("backups");
        Files.createDirectories(store);
        Files.setPosixFilePermissions(store, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Set<String> serversBefore = serverTaskIds();
        ok("update", "cassandra", "--set", "backup.location=" + store);
        awaitComplete("update", PLAN_WAIT);
        assertThat(serverTaskIds()).as("a new backup store rolls no node").isEqualTo(serversBefore);

        ItCluster.CommandResult nameless = cluster.cli("plan", "start", "cassandra", "backup");
        assertThat(nameless.exitCode()).isNotZero();
        assertThat(nameless.output()).contains("parameters.name: missing; plan backup needs it");
        assertThat(plan("backup").status()).isEqualTo("WAITING");

        long begin = System.nanoTime();
        ok("plan", "start", "cassandra", "backup", "-p", "name=first");
        awaitComplete("backup", PLAN_WAIT);
        figure("backup 'first' of 3 nodes", begin);
        dev.berth.cassandra.backup.BackupManifest first = manifest(store, "first");
        assertThat(first.cluster()).isNotEmpty();
        assertThat(first.nodes()).extracting(n -> n.node().instance()).containsExactly("node-0", "node-1", "node-2");
        assertThat(first.nodes()).allSatisfy(n -> {
            assertThat(n.node().tokens()).isNotEmpty();
            assertThat(n.node().version()).isEqualTo(FROM_VERSION);
            assertThat(n.node().rack()).isEqualTo("z" + (Integer.parseInt(n.node().ip().substring(n.node().ip().lastIndexOf('.') + 1)) - 2));
            assertThat(n.files()).extracting(f -> f.keyspace()).contains("numbers").doesNotContain("system", "system_auth");
        });
        assertThat(first.schema().get("numbers")).contains("CREATE TABLE numbers.n").contains("CREATE KEYSPACE numbers");
        assertThat(first.bytesUploaded()).isEqualTo(first.bytes()).isPositive();
        FIGURES.put("backup 'first'", first.fileCount() + " files, " + first.bytes() + " bytes, " + first.bytesUploaded()
                + " bytes uploaded");

        // more rows, then a second backup: only the sstables flushed since go up
        PreparedStatement insert = session.prepare("INSERT INTO numbers.n (id, square) VALUES (?, ?)");
        for (int i = 100; i < 150; i++) {
            session.execute(insert.bind(i, (long) i * i).setConsistencyLevel(ConsistencyLevel.QUORUM));
        }
        begin = System.nanoTime();
        ok("plan", "start", "cassandra", "backup", "-p", "name=second", "-p", "keyspaces=numbers");
        awaitComplete("backup", PLAN_WAIT);
        figure("backup 'second' of 3 nodes", begin);
        dev.berth.cassandra.backup.BackupManifest second = manifest(store, "second");
        assertThat(second.schema()).containsOnlyKeys("numbers");
        assertThat(second.fileCount()).isGreaterThan(first.nodes().stream().filter(n -> n.files().stream()
                .anyMatch(f -> f.keyspace().equals("numbers"))).count());
        assertThat(second.bytesUploaded()).isPositive().isLessThan(second.bytes());
        FIGURES.put("backup 'second' (incremental)", second.fileCount() + " files, " + second.bytes() + " bytes, "
                + second.bytesUploaded() + " bytes uploaded");
        String list = ok("backup", "list", "cassandra").output();
        System.out.println("cassandra: berth backup list cassandra\n" + list);
        assertThat(list).containsPattern("first\\s+COMPLETE\\s+\\S+\\s+3\\s+" + first.fileCount() + "\\s+" + first.bytes())
                .containsPattern("second\\s+COMPLETE");
        String described = ok("backup", "describe", "cassandra", "second").output();
        System.out.println("cassandra: berth backup describe cassandra second\n" + described);
        assertThat(described).contains("backup second of service cassandra").contains("node-2").contains("keyspaces: numbers");
        ItCluster.CommandResult missing = cluster.cli("backup", "describe", "cassandra", "third");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("the package of service cassandra shows no backups 'third'");
        // every snapshot was cleared again: the nodes keep no hard links to the backed-up files
        for (String agent : cluster.workDirs.keySet()) {
            assertThat(snapshotFiles(cluster.workDirs.get(agent))).as(agent).isEmpty();
        }
    }

    /** Files of the backups' snapshots or a restore's downloads under an agent's work dir (its volumes). */
    static List<java.nio.file.Path> snapshotFiles(java.nio.file.Path agentDir) throws java.io.IOException {
        List<java.nio.file.Path> out = new ArrayList<>();
        Files.walkFileTree(agentDir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(java.nio.file.Path dir,
                    java.nio.file.attribute.BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return name.equals("sandboxes") || name.equals("artifacts") ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                // the backups' snapshots and the restores' downloads (a TRUNCATE leaves Cassandra's own snapshot)
                String path = file.toString();
                if (path.contains("/snapshots/first/") || path.contains("/snapshots/second/") || path.contains("/data/restore/")) {
                    out.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(java.nio.file.Path file, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE; // a sandbox collected meanwhile
            }
        });
        return out;
    }

    static Set<String> serverTaskIds() {
        return pods().stream().flatMap(p -> p.tasks().stream()).filter(t -> t.name().endsWith("-server"))
                .map(ServiceViews.TaskRow::taskId).collect(Collectors.toCollection(TreeSet::new));
    }

    static dev.berth.cassandra.backup.BackupManifest manifest(java.nio.file.Path store, String name) throws Exception {
        java.nio.file.Path json = store.resolve("cassandra/backups/" + name + "/manifest.json");
        System.out.println("cassandra: manifest of backup " + name + ": " + Files.size(json) + " bytes");
        return dev.berth.cassandra.backup.BackupManifest.fromJson(Files.readAllBytes(json));
    }

    @Test
    @Order(5)
    void aRestoreThatDoesNotFitTheRingIsRefusedAndOneThatFitsBringsTruncatedRowsBack() throws Exception {
        java.nio.file.Path store = cluster.work.resolve("backups");
        // a backup of two nodes (the first's manifest without node-2), as another ring's would be
        dev.berth.cassandra.backup.BackupManifest first = manifest(store, "first");
        dev.berth.cassandra.backup.BackupManifest smaller = new dev.berth.cassandra.backup.BackupManifest("smaller",
                first.service(), first.cluster(), first.created(), first.schema(), first.nodes().subList(0, 2));
        java.nio.file.Path smallerJson = store.resolve("cassandra/backups/smaller/manifest.json");
        Files.createDirectories(smallerJson.getParent());
        Files.write(smallerJson, smaller.toJson());
        ItCluster.CommandResult refused = cluster.cli("plan", "start", "cassandra", "restore", "-p", "name=smaller");
        System.out.println("cassandra: a restore of a 2-node backup into the 3-node ring: " + refused.output().strip());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("plan restore may not start: node count: backup smaller has 2 nodes, the ring 3");
        assertThat(plan("restore").status()).as("nothing started").isEqualTo("WAITING");
        assertThat(plan("restore").parameters()).isEmpty();

        // every row gone, then the backup 'first' (rows 0 to 99) restored
        session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("TRUNCATE numbers.n")
                .setTimeout(Duration.ofSeconds(30)));
        assertThat(readAll()).isEmpty();
        long begin = System.nanoTime();
        ok("plan", "start", "cassandra", "restore", "-p", "name=first");
        awaitComplete("restore", PLAN_WAIT);
        figure("restore of 'first' into 3 nodes", begin);
        Map<Integer, Long> read = readAll();
        FIGURES.put("rows restored from 'first'", read.size() + " read back at QUORUM");
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        read.forEach((id, square) -> assertThat(square).isEqualTo((long) id * id));
        assertThat(snapshotFilesAndRestoreFolders()).isEmpty();
    }

    /** What a backup or restore may leave behind on the volumes: snapshot files and download folders. */
    static List<java.nio.file.Path> snapshotFilesAndRestoreFolders() throws java.io.IOException {
        List<java.nio.file.Path> out = new ArrayList<>();
        for (java.nio.file.Path dir : cluster.workDirs.values()) {
            out.addAll(snapshotFiles(dir));
        }
        return out;
    }

    @Test
    @Order(6)
    void aBackupToAnS3StoreWithTheAccessKeyAnOperatorSetRestoresToo() throws Exception {
        java.nio.file.Path s3dir = Files.createTempDirectory("berth-it-s3");
        try (S3ProxyServer s3 = S3ProxyServer.start(s3dir)) {
            s3.createBucket("berth-backups");
            // the store's keys are secrets an operator sets from files, never on the command line
            java.nio.file.Path key = cluster.work.resolve("s3-access-key");
            java.nio.file.Path secret = cluster.work.resolve("s3-secret-key");
            Files.writeString(key, s3.credentials().accessKey() + "\n");
            Files.writeString(secret, s3.credentials().secretKey() + "\n");
            ItCluster.CommandResult generated = cluster.cli("secret", "cassandra", "superuser_password", "--set-from", key.toString());
            assertThat(generated.exitCode()).isNotZero();
            assertThat(generated.output()).contains("superuser_password of service cassandra is generated by Berth");
            assertThat(ok("secret", "cassandra", "backup_access_key", "--set-from", key.toString()).output())
                    .contains("set secret backup_access_key of cassandra (fingerprint ");
            ok("secret", "cassandra", "backup_secret_key", "--set-from", secret.toString());
            assertThat(ok("secret", "cassandra").output()).doesNotContain(s3.credentials().secretKey())
                    .containsPattern("backup_secret_key\\s+[0-9a-f]{16}");
            ok("update", "cassandra", "--set", "backup.location=s3://berth-backups/ring", "--set",
                    "backup.s3_endpoint=" + s3.endpoint());
            awaitComplete("update", PLAN_WAIT);

            long begin = System.nanoTime();
            ok("plan", "start", "cassandra", "backup", "-p", "name=s3-first");
            awaitComplete("backup", PLAN_WAIT);
            figure("backup 's3-first' of 3 nodes to S3", begin);
            JsonNodeRows rows = new JsonNodeRows(ok("backup", "list", "cassandra", "-o", "json").output());
            assertThat(rows.status("s3-first")).isEqualTo("COMPLETE");
            long objects;
            try (var client = s3.client()) {
                objects = client.listObjectsV2Paginator(r -> r.bucket("berth-backups").prefix("ring/cassandra/")).contents()
                        .stream().count();
            }
            assertThat(objects).isGreaterThan(3);
            FIGURES.put("backup 's3-first' to S3", rows.get("s3-first").path("files").asLong() + " files, "
                    + rows.get("s3-first").path("bytesUploaded").asLong() + " bytes uploaded, " + objects + " objects in the bucket");

            session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("TRUNCATE numbers.n")
                    .setTimeout(Duration.ofSeconds(30)));
            begin = System.nanoTime();
            ok("plan", "start", "cassandra", "restore", "-p", "name=s3-first");
            awaitComplete("restore", PLAN_WAIT);
            figure("restore of 's3-first' from S3", begin);
            assertThat(readAll().keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        } finally {
            dev.berth.volumes.RecursiveDelete.delete(s3dir);
        }
    }

    /** The rows of {@code berth backup list -o json}, by name. */
    record JsonNodeRows(com.fasterxml.jackson.databind.JsonNode all) {
        JsonNodeRows(String json) throws Exception {
            this(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        }

        com.fasterxml.jackson.databind.JsonNode get(String name) {
            for (com.fasterxml.jackson.databind.JsonNode r : all) {
                if (r.path("name").asText().equals(name)) {
                    return r;
                }
            }
            throw new AssertionError("no backup " + name + " in " + all);
        }

        String status(String name) {
            return get(name).path("status").asText();
        }
    }

    @Test
    @Order(7)
    void badOptionsAreRefusedWithTheirMessageAndChangeNothing() throws Exception {
        String config = configId();
        assertRefused("cassandra.seeds=4", "cassandra.seeds: 4 is more than nodes.count 3");
        assertRefused("nodes.heap=1280", "nodes.heap: 1280 MiB leaves 256 MiB of nodes.mem 1536 MiB");
        assertRefused("cassandra.version=5.0.99", "cassandra.version");
        assertRefused("cassandra.datacenter=dc2", "cassandra.datacenter: 'dc1' -> 'dc2': cannot change after install");
        assertRefused("nodes.disk=2048", "volumes cannot change once created");
        assertRefused("nodes.count=2", "nodes.count: 3 -> 2 is below 3");
        assertThat(configId()).isEqualTo(config);
        assertThat(plan("deploy").status()).isEqualTo("COMPLETE");
    }

    @Test
    @Order(8)
    void aRollingConfigUpdateKeepsQuorumWritesGoing() throws Exception {
        writer = new QuorumWriter(session, 100, "config update");
        long begin = System.nanoTime();
        long before = writer.acknowledged().size();
        ok("update", "cassandra", "--set", "cassandra.yaml_extra={concurrent_reads: 16, concurrent_writes: 16}");
        awaitComplete("update", PLAN_WAIT);
        figure("rolling config update of 3 nodes", begin, writer.acknowledged().size() - before);
        assertThat(writer.failures()).as("QUORUM writes failed during the roll").isEmpty();
    }

    @Test
    @Order(9)
    void anUpgradeRollsTheNodesThenUpgradesTheirSstablesOneAfterTheOther() throws Exception {
        writer.phase("upgrade");
        long begin = System.nanoTime();
        long before = writer.acknowledged().size();
        ok("update", "cassandra", "--set", "cassandra.version=" + TO_VERSION);
        awaitComplete("update", PLAN_WAIT);
        figure("upgrade " + FROM_VERSION + " -> " + TO_VERSION + " of 3 nodes with upgradesstables", begin,
                writer.acknowledged().size() - before);
        ServiceViews.PlanView update = plan("update");
        ServiceViews.PhaseView last = update.phases().get(update.phases().size() - 1);
        assertThat(last.name()).isEqualTo("upgradesstables");
        assertThat(last.status()).isEqualTo("COMPLETE");
        printSteps(update);
        assertThat(releaseVersions()).containsOnly(TO_VERSION).hasSize(3);
        assertThat(writer.failures()).as("QUORUM writes failed during the upgrade").isEmpty();
    }

    /**
     * The case that lost acknowledged rows before replaced nodes were repaired: rows written while node-0
     * restarts live on node-1 and node-2 only, node-0's copies waiting as hints (held back here, as a busy
     * or slow hand-off would). Replacing node-2 destroys its copies; its replacement streams each range
     * from one replica, maybe node-0. Only a repair of the new node-2 gives those rows a second copy before
     * node-1's machine is lost next ({@link #aNodeWhoseMachineIsLostIsReplacedAfterThePermanentFailureTimeoutAndItsOldHomeReleasedWhenTheAgentReturns});
     * every acknowledged row is read back at the end.
     */
    @Test
    @Order(10)
    void aReplacedNodeComesUpOnAnotherAgentIsRepairedAndItsOldHomeIsReleased() throws Exception {
        writer.phase("restart of node-0, hints held");
        Map<String, String> jmx = jmxByIp();
        long hintsBefore = 0;
        for (String node : List.of("node-1", "node-2")) {
            hints(jmx.get(pod(node).ip()), "pauseDispatch");
            hintsBefore += totalHints(jmx.get(pod(node).ip()));
        }
        String node0Task = serverTaskId("node-0");
        long restartBegin = System.nanoTime();
        long ackedBefore = writer.acknowledged().size();
        ok("pod", "restart", "cassandra", "node-0");
        await(() -> !serverTaskId("node-0").equals(node0Task) && pod("node-0").tasks().stream()
                .filter(t -> t.name().equals("node-0-server")).allMatch(t -> t.state().equals("RUNNING") && t.ready()),
                PLAN_WAIT, "node-0's server running and ready again");
        awaitComplete("recovery", Duration.ofMinutes(1));
        figure("restart of node-0 with hint delivery paused on node-1 and node-2", restartBegin,
                writer.acknowledged().size() - ackedBefore);
        // hints written meanwhile (StorageProxy's count): for node-0, and held, their dispatch being paused
        long written = totalHints(jmx.get(pod("node-1").ip())) + totalHints(jmx.get(pod("node-2").ip())) - hintsBefore;
        System.out.printf("cassandra: hints node-1 and node-2 wrote for node-0 while it restarted: %d%n", written);
        assertThat(written).as("hints written for node-0 while it was down").isPositive();

        writer.phase("replace");
        ServiceViews.PodRow before = pod("node-2");
        long begin = System.nanoTime();
        long acked = writer.acknowledged().size();
        ok("pod", "replace", "cassandra", "node-2");
        ServiceViews.PodRow after = awaitReadyElsewhere("node-2", before.agentId(), "after its replace");
        await(() -> ringIsUpAndNormal(Set.of(pod("node-0").ip(), pod("node-1").ip(), after.ip())), Duration.ofMinutes(1),
                "node-0 sees node-0, node-1 and the new node-2 up and normal");
        Set<String> said = awaitComplete("recovery", Duration.ofMinutes(2));
        figure("replace of node-2 (" + before.ip() + " -> " + after.ip() + "), repaired", begin,
                writer.acknowledged().size() - acked);
        assertThat(said).as("the recovery step waited for the new node-2's repair")
                .anyMatch(m -> m.contains("node-2 (" + after.ip() + "): repair of keyspace"));
        awaitHomeReleased("node-2", before.agentId());
        // node-1 keeps its hints held: its machine is lost next, and they go with it
    }

    static String serverTaskId(String instance) {
        return pod(instance).tasks().stream().filter(t -> t.name().equals(instance + "-server")).findFirst()
                .map(ServiceViews.TaskRow::taskId).orElse("");
    }

    @Test
    @Order(11)
    void aNodeWhoseMachineIsLostIsReplacedAfterThePermanentFailureTimeoutAndItsOldHomeReleasedWhenTheAgentReturns()
            throws Exception {
        writer.phase("machine loss");
        ServiceViews.PodRow before = pod("node-1");
        String agentName = "it-cassandra-agent-" + (Integer.parseInt(before.ip().substring(before.ip().lastIndexOf('.') + 1)) - 2);
        String taskId = before.tasks().stream().filter(t -> t.name().equals("node-1-server")).findFirst().orElseThrow().taskId();
        long acked = writer.acknowledged().size();
        long begin = System.nanoTime();
        // the machine goes: its agent and the node's process group die at once, without a word
        cluster.agents.get(agentName).sigkill();
        String pid = Files.readString(cluster.workDirs.get(agentName).resolve("sandboxes").resolve(taskId)
                .resolve(".berth/pid")).trim().split("\\s+")[0];
        assertThat(new ProcessBuilder("kill", "-KILL", "--", "-" + pid).start().waitFor()).isZero();
        ServiceViews.PodRow after = awaitReadyElsewhere("node-1", before.agentId(), "after its agent was lost for good");
        await(() -> ringIsUpAndNormal(Set.of(pod("node-0").ip(), after.ip(), pod("node-2").ip())), Duration.ofMinutes(1),
                "the ring up and normal with the new node-1");
        figure("replace of node-1 after its agent was lost (" + before.ip() + " -> " + after.ip()
                + ", permanent-failure timeout " + PERMANENT_FAILURE + ")", begin, writer.acknowledged().size() - acked);
        // the old home stays reserved while its agent is away, and is released once it is back
        assertThat(reservations()).anyMatch(r -> r.agentId().equals(before.agentId()));
        cluster.agents.get(agentName).startAgain();
        awaitHomeReleased("node-1", before.agentId());
        awaitComplete("recovery", Duration.ofMinutes(1));
    }

    @Test
    @Order(12)
    void twoAgentsCutOffPastTheAgentTimeoutComeBackToTheirNodesStillRunningNeitherKilledNorReplaced() throws Exception {
        writer.phase("partition of two agents");
        List<ServiceViews.PodRow> cut = List.of(pod("node-0"), pod("node-2"));
        Map<String, String> serverTasks = new HashMap<>();
        Map<String, String> wrappers = new HashMap<>();
        List<BerthProcess> agents = new ArrayList<>();
        for (ServiceViews.PodRow p : cut) {
            String agentName = "it-cassandra-agent-" + (Integer.parseInt(p.ip().substring(p.ip().lastIndexOf('.') + 1)) - 2);
            String taskId = p.tasks().stream().filter(t -> t.name().endsWith("-server")).findFirst().orElseThrow().taskId();
            serverTasks.put(p.instance(), taskId);
            wrappers.put(taskId, Files.readString(cluster.workDirs.get(agentName).resolve("sandboxes").resolve(taskId)
                    .resolve(".berth/pid")).trim());
            agents.add(cluster.agents.get(agentName));
        }
        long acked = writer.acknowledged().size();
        long begin = System.nanoTime();
        // the agents freeze (as a partition or a long pause would look to the master); their nodes run on
        for (BerthProcess a : agents) {
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(a.pid())).start().waitFor()).isZero();
        }
        try {
            await(() -> cluster.taskRows().stream().filter(t -> serverTasks.containsValue(t.taskId()))
                    .filter(t -> t.state().equals("UNREACHABLE")).count() == 2, Duration.ofSeconds(30),
                    "both nodes' tasks UNREACHABLE");
        } finally {
            for (BerthProcess a : agents) {
                new ProcessBuilder("kill", "-CONT", Long.toString(a.pid())).start().waitFor();
            }
        }
        long cutFor = Duration.ofNanos(System.nanoTime() - begin).toSeconds();
        await(() -> serverTasks.entrySet().stream().allMatch(e -> pod(e.getKey()).tasks().stream()
                        .anyMatch(t -> t.taskId().equals(e.getValue()) && t.state().equals("RUNNING") && t.ready())),
                Duration.ofSeconds(60), "both nodes RUNNING and ready again, as the same tasks");
        awaitComplete("recovery", Duration.ofMinutes(1));
        figure("two agents cut off for " + cutFor + " s (agent timeout 5 s, permanent-failure timeout " + PERMANENT_FAILURE
                + "): both nodes adopted, none killed or replaced", begin, writer.acknowledged().size() - acked);
        // the very same processes: neither killed nor launched again
        for (Map.Entry<String, String> w : wrappers.entrySet()) {
            String[] pidAndStart = w.getValue().split("\\s+");
            assertThat(TaskProcessCleanup.sameProcess(Long.parseLong(pidAndStart[0]), pidAndStart[1]))
                    .as("the wrapper of " + w.getKey() + " still runs").isTrue();
        }
        for (ServiceViews.PodRow p : cut) {
            assertThat(pod(p.instance()).agentId()).isEqualTo(p.agentId());
        }
        await(() -> ringIsUpAndNormal(Set.of(pod("node-0").ip(), pod("node-1").ip(), pod("node-2").ip())),
                Duration.ofMinutes(1), "the ring up and normal after the partition");
    }

    @Test
    @Order(13)
    void everyRowAcknowledgedThroughTheUpdateUpgradeAndReplaceReadsBackAtQuorum() {
        Set<Integer> acknowledged = writer.acknowledged();
        Map<Integer, Long> read = readAll();
        FIGURES.put("rows acknowledged through update, upgrade and replace", acknowledged.size() + " (failed: "
                + writer.allFailures().size() + "), read back at QUORUM: " + read.size() + " rows in all");
        // each failed write is named: a write whose coordinator went down mid-request may fail
        writer.allFailures().forEach(f -> System.out.println("cassandra: failed write: " + f));
        assertThat(acknowledged.size()).isGreaterThan(500);
        assertThat(read.keySet()).containsAll(acknowledged);
        acknowledged.forEach(id -> assertThat(read.get(id)).isEqualTo((long) id * id));
    }

    @Test
    @Order(14)
    void aScaleUpJoinsAFourthNodeThenCleansUpTheOldThree() throws Exception {
        writer.phase("scale up");
        long begin = System.nanoTime();
        ok("update", "cassandra", "--set", "nodes.count=4");
        awaitComplete("update", PLAN_WAIT);
        figure("scale-up 3 -> 4 with cleanup of node-0..2", begin);
        ServiceViews.PlanView update = plan("update");
        ServiceViews.PhaseView last = update.phases().get(update.phases().size() - 1);
        assertThat(last.name()).isEqualTo("cleanup-nodes-0-2");
        assertThat(last.status()).isEqualTo("COMPLETE");
        printSteps(update);
        await(() -> ringIsUpAndNormal(Set.of(pod("node-0").ip(), pod("node-1").ip(), pod("node-2").ip(), pod("node-3").ip())),
                Duration.ofSeconds(30), "four nodes up and normal");
        assertThat(endpoint("native-client").split(",")).hasSize(4);
    }

    @Test
    @Order(15)
    void aScaleDownDecommissionsTheFourthNodeBeforeItsVolumeGoes() throws Exception {
        writer.phase("scale down");
        ServiceViews.PodRow node3 = pod("node-3");
        long begin = System.nanoTime();
        ok("update", "cassandra", "--set", "nodes.count=3");
        awaitComplete("decommission", PLAN_WAIT);
        figure("scale-down 4 -> 3 (decommission of node-3)", begin);
        await(() -> ringIsUpAndNormal(Set.of(pod("node-0").ip(), pod("node-1").ip(), pod("node-2").ip())),
                Duration.ofMinutes(1), "exactly three nodes up and normal");
        assertThat(pods()).extracting(ServiceViews.PodRow::instance).containsExactlyInAnyOrder("node-0", "node-1", "node-2");
        await(() -> reservations().stream().noneMatch(r -> r.agentId().equals(node3.agentId())), Duration.ofMinutes(1),
                "node-3's reservation released");
        assertThat(volumes()).noneMatch(v -> v.agentId().equals(node3.agentId()));
        awaitComplete("update", Duration.ofMinutes(1));

        writer.close();
        Set<Integer> acknowledged = writer.acknowledged();
        Map<Integer, Long> read = readAll();
        FIGURES.put("rows acknowledged in all", acknowledged.size() + " (failed: " + writer.allFailures().size()
                + "), read back at QUORUM on 3 nodes: " + read.size() + " rows in all");
        writer.allFailures().forEach(f -> System.out.println("cassandra: failed write: " + f));
        assertThat(read.keySet()).containsAll(acknowledged);
        acknowledged.forEach(id -> assertThat(read.get(id)).isEqualTo((long) id * id));
        // the first 100 rows, and at most the failed writes besides the acknowledged ones (a failed write may have landed)
        assertThat(read.size()).isBetween(100 + acknowledged.size(), 100 + acknowledged.size() + writer.allFailures().size());
    }

    @Test
    @Order(16)
    void uninstallReleasesEverythingOfTheRole() throws Exception {
        session.close();
        session = null;
        long begin = System.nanoTime();
        ok("uninstall", "cassandra");
        await(() -> reservations().isEmpty(), Duration.ofMinutes(1), "no reservation of " + ROLE + " left");
        figure("uninstall", begin);
        // the service's state went with it, its secret too
        assertThat(cluster.cli("secret", "cassandra", "superuser_password").output()).contains("no service 'cassandra'")
                .doesNotContain(password);
    }

    @Test
    @Order(17)
    void aTlsRingServesOnlyClientsThatTrustTheClusterCaAndItsRenewalKeepsTheRows() throws Exception {
        long begin = System.nanoTime();
        ok("install", "cassandra", "--name", "secure", "--set", "cassandra.tls=true", "--set", "nodes.count=1",
                "--set", "cassandra.seeds=1", "--set", "cassandra.fast_join=true");
        await(() -> securePlan("deploy").status().equals("COMPLETE"), PLAN_WAIT, "the secure deploy plan COMPLETE");
        figure("deploy of a 1-node TLS ring", begin);
        String ca = ok("endpoints", "secure", "ca").output();
        String node = ok("endpoints", "secure", "native-client").output().trim();
        Login admin = new Login(SUPERUSER, cluster.api.get("/v1/services/secure/secrets/superuser_password",
                ServiceViews.SecretValue.class).value());
        assertThat(TlsClients.served(node, ca).getSubjectAlternativeNames()).anyMatch(n -> n.get(1).equals(node.split(":")[0]));
        // Berth's own CLI goes over TLS (it trusts the ca endpoint)
        ok("cassandra", "cql", "secure", "CREATE KEYSPACE tls_ks WITH replication = {'class': 'SimpleStrategy', "
                + "'replication_factor': 1}", "CREATE TABLE tls_ks.rows (id int PRIMARY KEY, v text)");
        try (CqlSession tls = CqlSessions.open(node, DATACENTER, Optional.of(admin), Optional.of(ca), Duration.ofSeconds(10))) {
            PreparedStatement insert = tls.prepare("INSERT INTO tls_ks.rows (id, v) VALUES (?, ?)");
            for (int i = 0; i < 50; i++) {
                tls.execute(insert.bind(i, "row " + i));
            }
        }
        // a plaintext client, and a TLS client that trusts another CA, get no session
        assertThatThrownBy(() -> CqlSessions.open(node, DATACENTER, Optional.of(admin), Optional.empty(),
                Duration.ofSeconds(5)).close()).isInstanceOf(com.datastax.oss.driver.api.core.AllNodesFailedException.class);
        String otherCa = dev.berth.core.tls.CertificateAuthority.create("another CA", java.time.Instant.now(),
                Duration.ofDays(1)).certificatePem();
        assertThatThrownBy(() -> CqlSessions.open(node, DATACENTER, Optional.of(admin), Optional.of(otherCa),
                Duration.ofSeconds(5)).close()).isInstanceOf(com.datastax.oss.driver.api.core.AllNodesFailedException.class);

        java.math.BigInteger before = TlsClients.serial(node, ca);
        long renewal = System.nanoTime();
        ok("plan", "start", "secure", "tls-renewal");
        await(() -> securePlan("tls-renewal").status().equals("COMPLETE"), PLAN_WAIT, "the secure tls-renewal plan COMPLETE");
        figure("tls-renewal of a 1-node ring", renewal);
        assertThat(TlsClients.serial(node, ca)).as("the node serves a new certificate").isNotEqualTo(before);
        try (CqlSession tls = CqlSessions.open(node, DATACENTER, Optional.of(admin), Optional.of(ca), Duration.ofSeconds(10))) {
            assertThat(tls.execute("SELECT count(*) FROM tls_ks.rows").one().getLong(0)).isEqualTo(50);
        }
        ok("uninstall", "secure");
    }

    @Test
    @Order(18)
    void aNewServiceRestoredFromTheUninstalledRingsBackupServesItsRows() throws Exception {
        java.nio.file.Path store = cluster.work.resolve("backups");
        // the ring that made backup 'first' is gone (uninstalled); a new one of the same shape, in the racks the
        // backup's nodes were in (its manifest says which), takes its data
        String racks = manifest(store, "first").nodes().stream().map(n -> n.node().rack()).sorted()
                .collect(Collectors.joining(","));
        ok("install", "cassandra", "--name", "copy", "--set", "cassandra.fast_join=true", "--set", "backup.location=" + store,
                "--set", "nodes.restrict_attribute=zone", "--set", "nodes.restrict_values=" + racks);
        await(() -> servicePlan("copy", "deploy").status().equals("COMPLETE"), PLAN_WAIT, "the copy deploy plan COMPLETE");
        long begin = System.nanoTime();
        ok("plan", "start", "copy", "restore", "-p", "from=cassandra/first");
        await(() -> servicePlan("copy", "restore").status().equals("COMPLETE"), PLAN_WAIT, "the copy restore plan COMPLETE");
        figure("restore of 'first' into a new 3-node service (other tokens)", begin);
        String contactPoints = ok("endpoints", "copy", "native-client").output().trim();
        String copyPassword = cluster.api.get("/v1/services/copy/secrets/superuser_password", ServiceViews.SecretValue.class).value();
        try (CqlSession copy = QuorumWriter.session(contactPoints, DATACENTER, SUPERUSER, copyPassword)) {
            Map<Integer, Long> read = QuorumWriter.readAll(copy);
            FIGURES.put("rows restored from 'first' into a new service", read.size() + " read back at QUORUM");
            assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
            read.forEach((id, square) -> assertThat(square).isEqualTo((long) id * id));
        }
        assertThat(snapshotFilesAndRestoreFolders()).isEmpty();
        ok("uninstall", "copy");
    }

    static ServiceViews.PlanView servicePlan(String service, String name) {
        return cluster.api.get("/v1/services/" + service + "/plans/" + name, ServiceViews.PlanView.class);
    }

    static ServiceViews.PlanView securePlan(String name) {
        return cluster.api.get("/v1/services/secure/plans/" + name, ServiceViews.PlanView.class);
    }

    // ------------------------------------------------------------------ helpers

    static ItCluster.CommandResult ok(String... args) throws Exception {
        ItCluster.CommandResult r = cluster.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.output()).isZero();
        return r;
    }

    static void assertRefused(String setting, String mentions) throws Exception {
        ItCluster.CommandResult r = cluster.cli("update", "cassandra", "--set", setting);
        assertThat(r.exitCode()).as(setting + ": " + r.output()).isNotZero();
        assertThat(r.output()).contains(mentions);
    }

    static String configId() {
        return cluster.api.get("/v1/services", new TypeReference<List<Map<String, Object>>>() {
        }).get(0).get("configId").toString();
    }

    static String endpoint(String name) throws Exception {
        return ok("endpoints", "cassandra", name).output().trim();
    }

    static ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/cassandra/plans/" + name, ServiceViews.PlanView.class);
    }

    static List<ServiceViews.PodRow> pods() {
        return cluster.api.get("/v1/services/cassandra/pods", new TypeReference<>() {
        });
    }

    static ServiceViews.PodRow pod(String instance) {
        return pods().stream().filter(p -> p.instance().equals(instance)).findFirst().orElseThrow();
    }

    static List<ClusterViews.ReservationRow> reservations() {
        List<ClusterViews.ReservationRow> rows = cluster.api.get("/v1/reservations", new TypeReference<>() {
        });
        return rows.stream().filter(r -> r.role().equals(ROLE)).toList();
    }

    static List<ClusterViews.VolumeRow> volumes() {
        List<ClusterViews.VolumeRow> rows = cluster.api.get("/v1/volumes", new TypeReference<>() {
        });
        return rows.stream().filter(v -> v.role().equals(ROLE)).toList();
    }

    static void await(ItCluster.Condition condition, Duration atMost, String what) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(condition::holds);
    }

    /** Waits for a plan to complete; when it does not, the failure shows where each step stands and why. */
    /** Waits until {@code instance}'s server runs and is ready on an agent other than {@code oldAgentId}. */
    static ServiceViews.PodRow awaitReadyElsewhere(String instance, String oldAgentId, String when) {
        await(() -> {
            ServiceViews.PodRow now = pod(instance);
            return !now.agentId().isEmpty() && !now.agentId().equals(oldAgentId)
                    && now.tasks().stream().filter(t -> t.name().equals(instance + "-server"))
                    .allMatch(t -> t.state().equals("RUNNING") && t.ready());
        }, PLAN_WAIT, instance + " ready on another agent " + when);
        return pod(instance);
    }

    /** Waits until the old home of a moved instance is given back: no reservation, no volume left on its agent. */
    static void awaitHomeReleased(String instance, String agentId) {
        await(() -> reservations().stream().noneMatch(r -> r.agentId().equals(agentId)), Duration.ofMinutes(1),
                instance + "'s old reservation released");
        await(() -> volumes().stream().noneMatch(v -> v.agentId().equals(agentId)), Duration.ofMinutes(1),
                instance + "'s old volume destroyed");
    }

    /** @return what the plan's started steps said on the way */
    static Set<String> awaitComplete(String planName, Duration atMost) throws Exception {
        // what the steps said on the way, printed once done: the package actions' progress
        Set<String> said = new java.util.LinkedHashSet<>();
        try {
            await(() -> {
                ServiceViews.PlanView p = plan(planName);
                p.phases().forEach(ph -> ph.steps().stream().filter(st -> st.status().equals("STARTED"))
                        .forEach(st -> said.add(ph.name() + "/" + st.name() + ": " + st.message())));
                return p.status().equals("COMPLETE");
            }, atMost, "the cassandra " + planName + " plan COMPLETE");
        } catch (ConditionTimeoutException e) {
            said.forEach(m -> System.out.printf("cassandra: %s plan: %s%n", planName, m));
            throw new AssertionError(e.getMessage() + "\n" + cluster.cli("plan", "show", "cassandra", planName).output(), e);
        }
        said.forEach(m -> System.out.printf("cassandra: %s plan: %s%n", planName, m));
        return said;
    }

    static void figure(String what, long beginNanos) {
        FIGURES.put(what, String.format("%.1f s", (System.nanoTime() - beginNanos) / 1e9));
        System.out.printf("cassandra: %s in %s%n", what, FIGURES.get(what));
    }

    static void figure(String what, long beginNanos, long writes) {
        FIGURES.put(what, String.format("%.1f s, %d QUORUM writes meanwhile", (System.nanoTime() - beginNanos) / 1e9, writes));
        System.out.printf("cassandra: %s in %s%n", what, FIGURES.get(what));
    }

    static void printSteps(ServiceViews.PlanView plan) {
        plan.phases().forEach(ph -> ph.steps().forEach(s -> System.out.printf("cassandra: %s/%s/%s %s at %s: %s%n",
                plan.name(), ph.name(), s.name(), s.status(), s.updated(), s.message())));
    }

    static Map<Integer, Long> readAll() {
        return QuorumWriter.readAll(session);
    }

    // ------------------------------------------------------------------ JMX, as nodetool sees the ring

    /** The nodes' JMX endpoints by address (every node is on its own agent's address). */
    static Map<String, String> jmxByIp() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String hostPort : endpoint("jmx").split(",")) {
            out.put(hostPort.substring(0, hostPort.lastIndexOf(':')), hostPort);
        }
        return out;
    }

    static Object storageAttribute(String hostPort, String attribute) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {SUPERUSER, password}))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            return mbeans.getAttribute(STORAGE_SERVICE, attribute);
        }
    }

    static final ObjectName HINTS_SERVICE = name("org.apache.cassandra.hints:type=HintsService");

    /** Calls an operation of the node's HintsService MBean ({@code pauseDispatch}, {@code resumeDispatch}). */
    static void hints(String hostPort, String operation) throws Exception {
        try (JMXConnector connector = jmx(hostPort)) {
            connector.getMBeanServerConnection().invoke(HINTS_SERVICE, operation, new Object[0], new String[0]);
        }
    }

    /** How many hints the node has written since it started (StorageProxy's TotalHints). */
    static long totalHints(String hostPort) throws Exception {
        try (JMXConnector connector = jmx(hostPort)) {
            return ((Number) connector.getMBeanServerConnection().getAttribute(
                    name("org.apache.cassandra.db:type=StorageProxy"), "TotalHints")).longValue();
        }
    }

    static JMXConnector jmx(String hostPort) throws Exception {
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi"),
                Map.of(JMXConnector.CREDENTIALS, new String[] {SUPERUSER, password}));
    }

    /** What each node says its release is (StorageService ReleaseVersion). */
    static List<String> releaseVersions() throws Exception {
        List<String> out = new ArrayList<>();
        for (String hostPort : jmxByIp().values()) {
            out.add(String.valueOf(storageAttribute(hostPort, "ReleaseVersion")));
        }
        return out;
    }

    /**
     * True when node-0 sees exactly {@code ips} up and normal (nodetool status: UN) and nothing else:
     * none down, joining or leaving.
     */
    static boolean ringIsUpAndNormal(Set<String> ips) throws Exception {
        String node0 = jmxByIp().get(pod("node-0").ip());
        Set<String> live = addresses(storageAttribute(node0, "LiveNodes"));
        Set<String> unreachable = addresses(storageAttribute(node0, "UnreachableNodes"));
        Set<String> changing = new TreeSet<>(addresses(storageAttribute(node0, "JoiningNodes")));
        changing.addAll(addresses(storageAttribute(node0, "LeavingNodes")));
        changing.addAll(addresses(storageAttribute(node0, "MovingNodes")));
        boolean ok = live.equals(ips) && unreachable.isEmpty() && changing.isEmpty();
        if (!ok) {
            System.out.printf("cassandra: node-0 sees live %s, unreachable %s, joining/leaving/moving %s; want %s%n",
                    live, unreachable, changing, ips);
        }
        return ok;
    }

    static Set<String> addresses(Object value) {
        return value instanceof Collection<?> c ? c.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new))
                : Set.of();
    }

    /** What {@code berth secret SVC} lists of a value: the start of its SHA-256. */
    static String fingerprint(String value) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);
    }

    static ObjectName storageService() {
        return name("org.apache.cassandra.db:type=StorageService");
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
