package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.tls.Pem;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real Kafka brokers run by Berth: the kafka package installed on agent processes as a three-voter
 * KRaft quorum; an idempotent acks=all producer writes numbered records throughout a rolling config
 * update, a version upgrade (with its held-back metadata finalize) and a broker replace, and a
 * consumer then finds every acknowledged record exactly once, in order per partition. The stop checks
 * hold a roll back while a partition is under-replicated; bad options change nothing. A scale-down 4 -> 3
 * (refused below the quorum and below a topic's replication factor) moves every replica off broker-3 under a
 * throttle while another producer writes, then releases its reservation and volume; its records all read back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaServiceIT {
    static final String FROM_VERSION = "4.1.0";
    static final String TO_VERSION = "4.2.0";
    static ItCluster cluster;
    static NumberedProducer producer;
    static NumberedProducer secureProducer;

    @BeforeAll
    static void start() throws Exception {
        // five agents: a replaced broker needs an agent the others do not use, and a fourth broker one more
        cluster = new ItCluster("it-kafka", 1, 5, "cpus:1;mem:2048;disk:4096;ports:[31000-31010]", List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (secureProducer != null) {
            secureProducer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/kafka/plans/" + name, ServiceViews.PlanView.class);
    }

    static String endpoint(String name) throws Exception {
        ItCluster.CommandResult r = cluster.cli("endpoints", "kafka", name);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().trim();
    }

    static Admin admin() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", endpoint("broker"));
        return Admin.create(p);
    }

    /**
     * An Admin for while a broker is frozen: it gives up on a broker that does not answer within 5 s and
     * asks another. With the defaults (30 s a request, 60 s a call) a request the client happens to send
     * to the frozen broker outlasts the test's own wait.
     */
    static Admin adminWithABrokerFrozen() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", endpoint("broker"));
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "10000");
        return Admin.create(p);
    }

    static QuorumInfo quorum() throws Exception {
        Properties p = new Properties();
        // the controller endpoint lists the controllers' listeners (brokers 0..2)
        p.put("bootstrap.controllers", endpoint("controller"));
        try (Admin a = Admin.create(p)) {
            return a.describeMetadataQuorum().quorumInfo().get();
        }
    }

    /** The lines of the masters' logs (target/it-logs) that contain {@code text}. */
    static List<String> masterLogLines(String text) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        try (var logs = java.nio.file.Files.list(BerthProcess.LOGS)) {
            for (java.nio.file.Path log : logs.filter(p -> p.getFileName().toString().matches("it-kafka-master-\\d+\\.log")).toList()) {
                try (var lines = java.nio.file.Files.lines(log)) {
                    lines.filter(l -> l.contains(text)).forEach(out::add);
                }
            }
        }
        return out;
    }

    static ItCluster.CommandResult ok(String... args) throws Exception {
        ItCluster.CommandResult r = cluster.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.output()).isZero();
        return r;
    }

    static void awaitComplete(String planName) {
        ItCluster.awaitTrue(() -> plan(planName).status().equals("COMPLETE"), "the kafka " + planName + " plan COMPLETE");
    }

    static List<ServiceViews.PodRow> pods() {
        return cluster.api.get("/v1/services/kafka/pods", new TypeReference<>() {
        });
    }

    @Test
    @Order(1)
    void installDeploysThreeBrokersThatAreAllVotersOfTheQuorum() throws Exception {
        ok("install", "kafka", "--set", "kafka.version=" + FROM_VERSION,
                "--set", "kafka.server_properties=replica.lag.time.max.ms=4000;auto.create.topics.enable=false");
        awaitComplete("deploy");
        assertThat(endpoint("broker")).matches("127\\.0\\.0\\.\\d:310\\d\\d(,127\\.0\\.0\\.\\d:310\\d\\d){2}");

        // the brokers run as the package's default OS user, not as the root agents that started them
        Map<String, Set<String>> users = cluster.taskProcessUsers();
        System.out.println("kafka: OS users of the running tasks' processes: " + users);
        assertThat(users).hasSize(3).allSatisfy((task, owners) -> assertThat(owners).containsExactly("nobody"));

        QuorumInfo q = quorum();
        assertThat(q.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(0, 1, 2);
        try (Admin admin = admin()) {
            assertThat(admin.describeCluster().nodes().get()).extracting(n -> n.id()).containsExactlyInAnyOrder(0, 1, 2);
            // the pass-through reached every broker's server.properties
            ConfigResource broker1 = new ConfigResource(ConfigResource.Type.BROKER, "1");
            assertThat(admin.describeConfigs(List.of(broker1)).all().get().get(broker1)
                    .get("replica.lag.time.max.ms").value()).isEqualTo("4000");
        }

        // every meter the Grafana dashboard graphs is served, hooks' and tasks' use included
        java.util.Set<String> graphed = DashboardMeters.referenced();
        ItCluster.awaitTrue(() -> DashboardMeters.missing(new String(cluster.api.request("GET", "/q/metrics", null)), graphed)
                .isEmpty(), "every meter of " + DashboardMeters.DASHBOARD + " served");
        String metrics = new String(cluster.api.request("GET", "/q/metrics", null));
        System.out.println("kafka: the dashboard's " + graphed.size() + " meters are all served; hook calls: "
                + metrics.lines().filter(l -> l.startsWith("berth_hook_calls_seconds_count")).toList());
        assertThat(metrics).containsPattern("berth_hook_calls_seconds_count\\{package=\"kafka\",question=\"ready\",service=\"kafka\"\\} [1-9]");
    }

    @Test
    @Order(2)
    void topicsAreManagedThroughTheCli() throws Exception {
        ok("kafka", "topic", "create", "kafka", "numbers", "--partitions", "3", "--replication-factor", "3",
                "--config", "min.insync.replicas=2");
        ok("kafka", "topic", "create", "kafka", "scratch", "--partitions", "1", "--replication-factor", "1");
        assertThat(ok("kafka", "topic", "list", "kafka").output()).contains("numbers").contains("scratch");
        assertThat(ok("kafka", "topic", "describe", "kafka", "numbers").output()).contains("min.insync.replicas");

        ItCluster.CommandResult again = cluster.cli("kafka", "topic", "create", "kafka", "numbers");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("numbers").contains("already exists");
        ItCluster.CommandResult tooWide = cluster.cli("kafka", "topic", "create", "kafka", "wide", "--replication-factor", "5");
        assertThat(tooWide.exitCode()).isNotZero();
        assertThat(tooWide.output()).containsIgnoringCase("replication");

        ok("kafka", "topic", "delete", "kafka", "scratch");
        ItCluster.awaitTrue(() -> {
            try (Admin admin = admin()) {
                return !admin.listTopics().names().get().contains("scratch");
            }
        }, "topic scratch deleted");
        ItCluster.CommandResult gone = cluster.cli("kafka", "topic", "describe", "kafka", "scratch");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).contains("scratch");

        producer = NumberedProducer.start(endpoint("broker"), "numbers");
        producer.awaitAcknowledged(200);
    }

    @Test
    @Order(3)
    void theClustersEventsGoToATopicOfItsOwnKafkaService() throws Exception {
        ok("kafka", "topic", "create", "kafka", "berth-events", "--partitions", "1", "--replication-factor", "3");
        // an SRE restarts the master with the option (the agents and the producer carry on meanwhile)
        cluster.restartMaster(0, "--events-kafka", endpoint("broker"), "--events-topic", "berth-events");
        ItCluster.awaitTrue(() -> cluster.reachableAgents() == 5, "every agent back with the restarted master");
        ItCluster.awaitTrue(() -> cluster.taskRows().stream().filter(t -> t.state().equals("RUNNING")).count() == 3,
                "the brokers' tasks reconciled");

        // every event the master's journal holds (all since its start) is in the topic, in the journal's order
        List<String> journal = cluster.api.get("/v1/events", new TypeReference<List<dev.berth.core.events.ClusterEvent>>() {
        }).stream().map(dev.berth.core.events.ClusterEvent::id).toList();
        assertThat(journal).isNotEmpty();
        List<dev.berth.core.events.ClusterEvent> published = EventTopic.readUntil(endpoint("broker"), "berth-events",
                read -> read.size() >= journal.size());
        assertThat(published).extracting(dev.berth.core.events.ClusterEvent::id).startsWith(journal.toArray(String[]::new));
        assertThat(published).extracting(dev.berth.core.events.ClusterEvent::kind).contains("agent.back"); // the agents, back with the restarted master
        String metrics = new String(cluster.api.request("GET", "/q/metrics", null));
        assertThat(metrics).containsPattern("berth_events_exported_total\\{result=\"sent\"\\} [1-9]");
        System.out.println("kafka: " + published.size() + " events read back from topic berth-events of the kafka service;"
                + " the journal's " + journal.size() + " first, in order; kinds: "
                + published.stream().map(dev.berth.core.events.ClusterEvent::kind).distinct().toList());
    }

    @Test
    @Order(4)
    void aRollingConfigUpdateRollsTheActiveControllerLast() throws Exception {
        int leader = quorum().leaderId();
        long before = producer.acknowledged();
        ok("update", "kafka", "--set", "brokers.heap=300");
        awaitComplete("update");

        List<ServiceViews.StepView> steps = plan("update").phases().get(0).steps();
        assertThat(steps).extracting(ServiceViews.StepView::podInstance).hasSize(3).last().isEqualTo("broker-" + leader);
        assertThat(pods()).allSatisfy(p -> assertThat(p.tasks()).allSatisfy(t -> assertThat(t.ready()).isTrue()));
        producer.awaitAcknowledged(before + 200);
    }

    @Test
    @Order(5)
    void aVersionUpgradeRollsTheBrokersAndFinalizesTheMetadataVersionOnlyWhenContinued() throws Exception {
        short levelBefore = metadataLevel();
        long before = producer.acknowledged();
        ok("update", "kafka", "--set", "kafka.version=" + TO_VERSION);

        ItCluster.awaitTrue(() -> plan("update").phases().get(0).status().equals("COMPLETE"), "every broker on " + TO_VERSION);
        ItCluster.awaitTrue(() -> plan("update").status().equals("WAITING"), "the finalize step held back");
        ServiceViews.PhaseView finalize = plan("update").phases().get(1);
        assertThat(finalize.name()).isEqualTo("finalize-metadata");
        assertThat(finalize.steps().get(0).message()).startsWith("held back");
        assertThat(metadataLevel()).isEqualTo(levelBefore);

        ok("plan", "continue", "kafka", "update");
        awaitComplete("update");
        assertThat(metadataLevel()).isGreaterThan(levelBefore);
        producer.awaitAcknowledged(before + 200);
    }

    static short metadataLevel() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("metadata.version").maxVersionLevel();
        }
    }

    @Test
    @Order(6)
    void aReplacedBrokerKeepsItsIdOnAnotherAgentAndItsControllerRejoinsTheQuorum() throws Exception {
        ServiceViews.PodRow before = pods().stream().filter(p -> p.instance().equals("broker-1")).findFirst().orElseThrow();
        String oldDirectory = quorum().voters().stream().filter(v -> v.replicaId() == 1).findFirst().orElseThrow()
                .replicaDirectoryId().toString();
        long acked = producer.acknowledged();
        ok("pod", "replace", "kafka", "broker-1");

        ItCluster.awaitTrue(() -> pods().stream().anyMatch(p -> p.instance().equals("broker-1")
                && !p.agentId().equals(before.agentId()) && p.tasks().stream().allMatch(t -> t.ready())), "broker-1 ready elsewhere");
        ItCluster.awaitTrue(() -> quorum().voters().stream().anyMatch(v -> v.replicaId() == 1
                && !v.replicaDirectoryId().toString().equals(oldDirectory)), "broker-1's new controller a voter");
        assertThat(quorum().voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(0, 1, 2);
        try (Admin admin = admin()) {
            // the data came back by replication: broker 1 is in sync on every partition of the topic again
            ItCluster.awaitTrue(() -> admin.describeTopics(List.of("numbers")).allTopicNames().get().get("numbers")
                    .partitions().stream().allMatch(p -> p.isr().stream().anyMatch(n -> n.id() == 1)), "broker 1 in sync");
        }
        // the old home is released once its agent offers it back
        ItCluster.awaitTrue(() -> cluster.api.<List<ClusterViews.ReservationRow>>get("/v1/reservations", new TypeReference<>() {
        }).stream().noneMatch(r -> r.role().equals("berth/kafka") && r.agentId().equals(before.agentId())), "old reservation released");
        producer.awaitAcknowledged(acked + 200);
    }

    @Test
    @Order(7)
    void everyAcknowledgedRecordIsReadBackExactlyOnceInOrder() throws Exception {
        producer.close();
        NumberedProducer.Verdict v = producer.verify();
        System.out.printf("kafka IT: %d records acknowledged, %d sends failed, %d consumed%n",
                v.acknowledged(), v.failed(), v.consumed());
        assertThat(v.acknowledged()).isGreaterThan(800);
        v.assertEveryAcknowledgedRecordOnceInOrder();
    }

    @Test
    @Order(8)
    void aRollWaitsWhileAPartitionIsUnderReplicatedAndGoesOnOnceItRecovers() throws Exception {
        // broker 2 frozen: it falls out of the ISR of its partitions after replica.lag.time.max.ms
        ServiceViews.PodRow broker2 = pods().stream().filter(p -> p.instance().equals("broker-2")).findFirst().orElseThrow();
        long group = taskProcessGroup(broker2);
        signal("STOP", group);
        try {
            try (Admin admin = adminWithABrokerFrozen()) {
                ItCluster.awaitTrue(() -> {
                    TopicDescription d = admin.describeTopics(List.of("numbers")).allTopicNames().get().get("numbers");
                    return d.partitions().stream().anyMatch(p -> p.isr().stream().noneMatch(n -> n.id() == 2));
                }, "broker 2 out of sync");
            }
            String configBefore = broker2.tasks().get(0).configId();
            ok("update", "kafka", "--set", "brokers.heap=280");
            ItCluster.awaitTrue(() -> plan("update").phases().get(0).steps().stream().anyMatch(s ->
                    s.message().contains("under min.insync.replicas=2")), "a step held back by min ISR");
            String why = plan("update").phases().get(0).steps().stream().map(ServiceViews.StepView::message)
                    .filter(m -> m.contains("min.insync")).findFirst().orElseThrow();
            assertThat(why).matches("waiting to stop broker-\\d-server: stopping broker \\d would leave numbers-\\d under .*");
            // nothing was stopped while it waits
            assertThat(pods()).allSatisfy(p -> assertThat(p.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING")));
            assertThat(configBefore).isNotEmpty();
        } finally {
            signal("CONT", group);
        }
        awaitComplete("update");
    }

    @Test
    @Order(9)
    void aScaleUpAddsABrokerAndSpreadsPartitionsOntoIt() throws Exception {
        ok("update", "kafka", "--set", "brokers.count=4");
        awaitComplete("update");
        ServiceViews.PhaseView spread = plan("update").phases().get(plan("update").phases().size() - 1);
        assertThat(spread.name()).isEqualTo("spread-partitions");
        try (Admin admin = admin()) {
            assertThat(admin.describeCluster().nodes().get()).extracting(n -> n.id()).containsExactlyInAnyOrder(0, 1, 2, 3);
            TopicDescription numbers = admin.describeTopics(List.of("numbers")).allTopicNames().get().get("numbers");
            assertThat(numbers.partitions()).anySatisfy(p -> assertThat(p.replicas()).extracting(n -> n.id()).contains(3));
            assertThat(numbers.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
        // broker-3 is a broker only: the quorum still has three voters
        assertThat(quorum().voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    @Order(10)
    void badOptionsAreRefusedWithTheirMessageAndChangeNothing() throws Exception {
        String config = cluster.api.get("/v1/services", new TypeReference<List<Map<String, Object>>>() {
        }).get(0).get("configId").toString();
        assertRefused(List.of("update", "kafka", "--set", "brokers.heap=768"), "brokers.heap");
        assertRefused(List.of("update", "kafka", "--set", "brokers.count=0"), "brokers.count");
        assertRefused(List.of("update", "kafka", "--set", "kafka.version=3.9.0"), "kafka.version");
        assertRefused(List.of("update", "kafka", "--set", "brokers.disk=512"), "size");
        assertRefused(List.of("update", "kafka", "--set", "kafka.server_properties=node.id=7"), "node.id");
        assertThat(cluster.api.get("/v1/services", new TypeReference<List<Map<String, Object>>>() {
        }).get(0).get("configId").toString()).isEqualTo(config);
    }

    static void assertRefused(List<String> args, String mentions) throws Exception {
        ItCluster.CommandResult r = cluster.cli(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains(mentions);
    }

    @Test
    @Order(11)
    void aScaleDownBelowTheQuorumOrBelowATopicsReplicationFactorIsRefusedAndChangesNothing() throws Exception {
        String config = configId();
        ItCluster.CommandResult belowQuorum = cluster.cli("update", "kafka", "--set", "brokers.count=2");
        System.out.println("kafka: update --set brokers.count=2: " + belowQuorum.output().trim());
        assertThat(belowQuorum.exitCode()).isNotZero();
        assertThat(belowQuorum.output()).contains(
                "brokers.count: 4 -> 2 would take a voter out of the controller quorum (brokers 0..2 are its 3 voters);"
                        + " a scale-down keeps at least 3 brokers (allowed: 3 or more)");
        // a topic on all four brokers: only the running cluster knows it, and the update request asks it
        ok("kafka", "topic", "create", "kafka", "wide", "--partitions", "1", "--replication-factor", "4");
        ItCluster.CommandResult r = cluster.cli("update", "kafka", "--set", "brokers.count=3");
        System.out.println("kafka: update --set brokers.count=3 with topic wide at replication factor 4: " + r.output().trim());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("brokers.count: 4 -> 3: topic wide has replication factor 4, more than the 3 brokers"
                + " that would remain; lower its replication factor (or delete it) first, or keep brokers.count at 4 or more");
        assertThat(configId()).isEqualTo(config);
        assertThat(plan("update").status()).isEqualTo("COMPLETE");
        assertThat(pods()).hasSize(4);
        ok("kafka", "topic", "delete", "kafka", "wide");
        ItCluster.awaitTrue(() -> {
            try (Admin admin = admin()) {
                return !admin.listTopics().names().get().contains("wide");
            }
        }, "topic wide deleted");
    }

    static String configId() {
        return cluster.api.get("/v1/services", new TypeReference<List<Map<String, Object>>>() {
        }).get(0).get("configId").toString();
    }

    /** The reassignment throttle of the scale-down: 100 KiB/s. */
    static final long THROTTLE = 100 * 1024;

    @Test
    @Order(12)
    void aScaleDownMovesEveryReplicaOffTheLeavingBrokerThenReleasesItsReservationAndVolume() throws Exception {
        // four brokers, yet only the three controllers advertise the controller endpoint
        assertThat(endpoint("controller").split(",")).hasSize(3);
        assertThat(endpoint("broker").split(",")).hasSize(4);
        ok("kafka", "topic", "create", "kafka", "scaled", "--partitions", "4", "--replication-factor", "3",
                "--config", "min.insync.replicas=2");
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(List.of("scaled")).allTopicNames().get().get("scaled").partitions())
                    .anySatisfy(p -> assertThat(p.replicas()).extracting(n -> n.id()).contains(3));
        }
        producer = NumberedProducer.start(endpoint("broker"), "scaled");
        producer.awaitAcknowledged(200);

        ServiceViews.PodRow broker3 = pods().stream().filter(p -> p.instance().equals("broker-3")).findFirst().orElseThrow();
        List<ClusterViews.VolumeRow> volumes = kafkaVolumes().stream().filter(v -> v.agentId().equals(broker3.agentId())).toList();
        assertThat(volumes).hasSize(1);
        java.nio.file.Path volumeDir = volumeDirectory(broker3.hostname(), volumes.get(0).persistenceId());
        assertThat(volumeDir).isDirectory();
        long replicasBefore = replicasOn(3);
        long acked = producer.acknowledged();
        long begin = System.nanoTime();
        ok("update", "kafka", "--set", "brokers.count=3", "--set", "brokers.reassignment_throttle=" + THROTTLE);

        // while the replicas move, the step says how far it is
        java.util.Set<String> progress = new java.util.LinkedHashSet<>();
        try (Admin admin = admin()) {
            ItCluster.awaitTrue(() -> {
                plan("decommission").phases().get(0).steps().stream().map(ServiceViews.StepView::message)
                        .filter(m -> m.contains("partition replicas off broker-3")).forEach(progress::add);
                return plan("decommission").status().equals("COMPLETE");
            }, "the kafka decommission plan COMPLETE");
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("kafka: scale-down 4 -> 3 with %d partition replicas on broker 3 took %.1f s; its step said:%n  %s%n",
                    replicasBefore, seconds, String.join("\n  ", progress));
            // the step said how far the moves were while they lasted (a few seconds: a poll may miss them); the
            // master's log keeps that they began and how many, whatever the poll saw
            List<String> began = masterLogLines("decommissioning broker-3: moving ");
            System.out.println("kafka: the master logged:\n  " + String.join("\n  ", began));
            assertThat(began).anyMatch(m -> m.matches(".*moving \\d+ of \\d+ partition replicas off broker-3.*"));
            // the brokers applied the throttle while the replicas moved: their own log says so (the moves of a few
            // MB last seconds, too short to catch the configs from outside without a race)
            List<String> applied = pods().stream().map(KafkaServiceIT::taskStderr).flatMap(String::lines)
                    .filter(l -> l.contains("with new configuration : leader.replication.throttled.rate -> " + THROTTLE)
                            || l.contains("Updating topic scaled with new configuration : leader.replication.throttled.replicas -> *"))
                    .map(l -> l.substring(l.indexOf("Updating"))).distinct().toList();
            System.out.println("kafka: the remaining brokers logged:\n  " + String.join("\n  ", applied));
            assertThat(applied).anyMatch(l -> l.startsWith("Updating node ")).anyMatch(l -> l.startsWith("Updating topic scaled"));
            // removed afterwards, from brokers and topics
            for (String b : List.of("0", "1", "2")) {
                assertThat(throttleOf(admin, b)).as("throttle on broker " + b).isEmpty();
            }
            ConfigResource scaled = new ConfigResource(ConfigResource.Type.TOPIC, "scaled");
            assertThat(admin.describeConfigs(List.of(scaled)).all().get().get(scaled).get("leader.replication.throttled.replicas")
                    .value()).isNullOrEmpty();
            assertThat(admin.describeCluster().nodes().get()).extracting(n -> n.id()).containsExactlyInAnyOrder(0, 1, 2);
            for (TopicDescription t : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
                assertThat(t.partitions()).as(t.name()).allSatisfy(p -> {
                    assertThat(p.replicas()).extracting(n -> n.id()).doesNotContain(3);
                    assertThat(p.replicas()).hasSize(3);
                });
            }
        }
        assertThat(pods()).extracting(ServiceViews.PodRow::instance).containsExactlyInAnyOrder("broker-0", "broker-1", "broker-2");
        ItCluster.awaitTrue(() -> cluster.api.<List<ClusterViews.ReservationRow>>get("/v1/reservations", new TypeReference<>() {
        }).stream().noneMatch(r -> r.role().equals("berth/kafka") && r.agentId().equals(broker3.agentId())), "broker-3's reservation released");
        assertThat(kafkaVolumes()).noneMatch(v -> v.agentId().equals(broker3.agentId()));
        assertThat(volumeDir).doesNotExist();
        assertThat(endpoint("controller").split(",")).hasSize(3);
        assertThat(endpoint("broker").split(",")).hasSize(3);
        assertThat(endpoint("broker")).doesNotContain(broker3.ip() + ":");
        assertThat(quorum().voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(0, 1, 2);
        awaitComplete("update");
        System.out.println("kafka: $ berth plan show kafka decommission\n" + ok("plan", "show", "kafka", "decommission").output()
                + "kafka: $ berth endpoints kafka controller\n" + endpoint("controller"));
        producer.awaitAcknowledged(acked + 200);
    }

    @Test
    @Order(13)
    void everyRecordAcknowledgedAcrossTheScaleDownIsReadBack() throws Exception {
        producer.close();
        NumberedProducer.Verdict v = producer.verify();
        System.out.printf("kafka IT: across the scale-down %d records acknowledged, %d sends failed, %d consumed%n",
                v.acknowledged(), v.failed(), v.consumed());
        assertThat(v.acknowledged()).isGreaterThanOrEqualTo(400);
        v.assertEveryAcknowledgedRecordOnceInOrder();
    }

    static List<ClusterViews.VolumeRow> kafkaVolumes() {
        List<ClusterViews.VolumeRow> rows = cluster.api.get("/v1/volumes", new TypeReference<>() {
        });
        return rows.stream().filter(v -> v.role().equals("berth/kafka")).toList();
    }

    /** The volume's directory on its agent's disk: named by its persistence id under the agent's work dir. */
    static java.nio.file.Path volumeDirectory(String agent, String persistenceId) throws Exception {
        try (var paths = java.nio.file.Files.walk(cluster.workDirs.get(agent).resolve("volumes"))) {
            return paths.filter(p -> p.getFileName().toString().equals(persistenceId)).findFirst().orElseThrow(() ->
                    new AssertionError("no directory of volume " + persistenceId + " under " + cluster.workDirs.get(agent)));
        }
    }

    /** How many partition replicas broker {@code id} holds. */
    static long replicasOn(int id) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get()).allTopicNames().get().values().stream().flatMap(t -> t.partitions().stream())
                    .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == id)).count();
        }
    }

    /** What the instance's running task wrote to its stderr (a Kafka broker's log) so far. */
    static String taskStderr(ServiceViews.PodRow pod) {
        try {
            return java.nio.file.Files.readString(cluster.workDirs.get(pod.hostname()).resolve("sandboxes")
                    .resolve(pod.tasks().get(0).taskId()).resolve("stderr"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The leader replication throttle set on broker {@code id}, if any. */
    static java.util.Optional<String> throttleOf(Admin admin, String id) throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, id);
        var entry = admin.describeConfigs(List.of(broker)).all().get().get(broker).get("leader.replication.throttled.rate");
        return entry == null || entry.source() != org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG
                ? java.util.Optional.empty() : java.util.Optional.of(entry.value());
    }

    @Test
    @Order(14)
    void uninstallReleasesEverythingOfTheRole() throws Exception {
        ok("uninstall", "kafka");
        List<ClusterViews.ReservationRow> reservations = cluster.api.get("/v1/reservations", new TypeReference<>() {
        });
        assertThat(reservations).noneMatch(x -> x.role().equals("berth/kafka"));
    }

    @Test
    @Order(15)
    void aTlsServiceServesOnlyClientsThatTrustTheClusterCa() throws Exception {
        ok("install", "kafka", "--name", "secure", "--set", "kafka.tls=true");
        ItCluster.awaitTrue(() -> securePlan("deploy").status().equals("COMPLETE"), "the secure deploy plan COMPLETE");
        String ca = ok("endpoints", "secure", "ca").output();
        assertThat(Pem.readCertificate(ca).getSubjectX500Principal().getName()).contains("Berth cluster CA");
        String brokers = ok("endpoints", "secure", "broker").output().trim();
        // each broker's certificate is for its own address, from the cluster's CA
        for (String broker : brokers.split(",")) {
            java.security.cert.X509Certificate served = TlsClients.served(broker, ca);
            assertThat(served.getSubjectAlternativeNames()).anyMatch(n -> n.get(1).equals(broker.substring(0, broker.lastIndexOf(':'))));
        }
        // the topic CLI goes over TLS too (it trusts the service's ca endpoint)
        ok("kafka", "topic", "create", "secure", "payments", "--partitions", "3", "--replication-factor", "3");
        secureProducer = NumberedProducer.start(TlsClients.kafka(brokers, ca), "payments");
        secureProducer.awaitAcknowledged(200);

        // a plaintext client gets no answer, and a TLS client that trusts another CA fails its handshake
        Properties plaintext = new Properties();
        plaintext.put("bootstrap.servers", brokers);
        plaintext.put("default.api.timeout.ms", "5000");
        plaintext.put("request.timeout.ms", "4000");
        try (Admin a = Admin.create(plaintext)) {
            assertThatThrownBy(() -> a.describeCluster().nodes().get()).hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        String otherCa = CertificateAuthority.create("another CA", java.time.Instant.now(), java.time.Duration.ofDays(1)).certificatePem();
        Properties strangers = TlsClients.kafka(brokers, otherCa);
        strangers.put("default.api.timeout.ms", "5000");
        strangers.put("request.timeout.ms", "4000");
        try (Admin a = Admin.create(strangers)) {
            assertThatThrownBy(() -> a.describeCluster().nodes().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SslAuthenticationException.class);
        }
        System.out.printf("kafka IT: TLS service secure serves %s; %d records acknowledged over TLS%n", brokers,
                secureProducer.acknowledged());
    }

    @Test
    @Order(16)
    void theRenewalPlanGivesEveryBrokerANewCertificateAndLosesNoRecord() throws Exception {
        String ca = ok("endpoints", "secure", "ca").output();
        String brokers = ok("endpoints", "secure", "broker").output().trim();
        java.util.Map<String, java.math.BigInteger> before = new java.util.TreeMap<>();
        for (String broker : brokers.split(",")) {
            before.put(broker, TlsClients.serial(broker, ca));
        }
        long started = System.nanoTime();
        ok("plan", "start", "secure", "tls-renewal");
        ItCluster.awaitTrue(() -> securePlan("tls-renewal").status().equals("COMPLETE")
                && securePlan("tls-renewal").phases().get(0).steps().stream().allMatch(st -> st.status().equals("COMPLETE")),
                "the secure tls-renewal plan COMPLETE");
        double seconds = (System.nanoTime() - started) / 1e9;
        for (String broker : brokers.split(",")) {
            java.security.cert.X509Certificate now = TlsClients.served(broker, ca);
            assertThat(now.getSerialNumber()).as(broker + " serves a new certificate").isNotEqualTo(before.get(broker));
            assertThat(now.getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(89)));
        }
        long ackedBefore = secureProducer.acknowledged();
        secureProducer.awaitAcknowledged(ackedBefore + 100); // still writing after the last broker's restart
        secureProducer.close();
        NumberedProducer.Verdict v = secureProducer.verify();
        System.out.printf("kafka IT: tls-renewal of 3 brokers took %.1f s; %d records acknowledged over TLS across it, "
                + "%d sends failed, %d consumed%n", seconds, v.acknowledged(), v.failed(), v.consumed());
        v.assertEveryAcknowledgedRecordOnceInOrder();
        ok("uninstall", "secure");
    }

    static ServiceViews.PlanView securePlan(String name) {
        return cluster.api.get("/v1/services/secure/plans/" + name, ServiceViews.PlanView.class);
    }

    /** The process group of the instance's task: the agent starts each task in its own session. */
    static long taskProcessGroup(ServiceViews.PodRow pod) throws Exception {
        return cluster.taskProcessGroup(pod.hostname(), pod.tasks().get(0).taskId());
    }

    static void signal(String signal, long processGroup) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, "--", "-" + processGroup).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
