package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.api.ClusterViews;
import dev.berth.core.api.ServiceViews;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real Kafka brokers run by Berth: the kafka package installed on three agent processes, its
 * endpoint handed to a Kafka client that writes with acks=all and reads everything back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaServiceIT {
    static ItCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ItCluster("it-kafka", 1, 3, "cpus:1;mem:2048;disk:4096;ports:[31000-31010]", List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static ServiceViews.PlanView deploy() {
        return cluster.api.get("/v1/services/kafka/plans/deploy", ServiceViews.PlanView.class);
    }

    @Test
    @Order(1)
    void threeBrokersServeAClientThroughTheirEndpoint() throws Exception {
        ItCluster.CommandResult r = cluster.cli("install", "kafka");
        assertThat(r.exitCode()).as(r.output()).isZero();
        ItCluster.awaitTrue(() -> deploy().status().equals("COMPLETE"), "the kafka deploy plan COMPLETE");
        String bootstrap = cluster.cli("endpoints", "kafka", "broker").output().trim();
        assertThat(bootstrap).matches("127\\.0\\.0\\.\\d:310\\d\\d(,127\\.0\\.0\\.\\d:310\\d\\d){2}");

        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(n -> n.id()).containsExactlyInAnyOrder(0, 1, 2);
            admin.createTopics(List.of(new NewTopic("numbers", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
        }
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("numbers", Integer.toString(i), Integer.toString(i))).get();
            }
        }
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "it");
        c.put("auto.offset.reset", "earliest");
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("numbers"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < 100 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(rec.value());
                }
            }
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    @Order(2)
    void uninstallReleasesEverythingOfTheRole() throws Exception {
        ItCluster.CommandResult r = cluster.cli("uninstall", "kafka");
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<ClusterViews.ReservationRow> reservations = cluster.api.get("/v1/reservations", new TypeReference<>() {
        });
        assertThat(reservations).noneMatch(x -> x.role().equals("berth/kafka"));
    }
}
