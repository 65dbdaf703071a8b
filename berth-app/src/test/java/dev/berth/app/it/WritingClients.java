package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.berth.core.protocol.ServiceViews;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The two clients a fault test keeps writing while it breaks things: an idempotent acks=all producer of
 * numbered records to a topic of three replicas (min ISR 2) on the Kafka service, and a QUORUM writer of
 * numbered rows on the Cassandra service, logged in as its superuser. {@link #verify} reads everything back.
 */
final class WritingClients implements AutoCloseable {
    static final String TOPIC = "numbers";

    final NumberedProducer producer;
    final CqlSession session;
    final QuorumWriter writer;

    private WritingClients(NumberedProducer producer, CqlSession session, QuorumWriter writer) {
        this.producer = producer;
        this.session = session;
        this.writer = writer;
    }

    /** Makes the topic and the table and starts both clients; answers once each has had writes acknowledged. */
    static WritingClients start(ClusterChecks checks, String datacenter, String phase) throws Exception {
        String brokers = checks.endpoint("kafka", "broker");
        try (Admin admin = ClusterChecks.admin(brokers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
        }
        NumberedProducer producer = NumberedProducer.start(brokers, TOPIC);
        String password = checks.cluster.api.get("/v1/services/cassandra/secrets/superuser_password",
                ServiceViews.SecretValue.class).value();
        CqlSession session = QuorumWriter.session(checks.endpoint("cassandra", "native-client"), datacenter, "admin", password);
        QuorumWriter.createTable(session, datacenter);
        WritingClients clients = new WritingClients(producer, session, new QuorumWriter(session, 0, phase));
        producer.awaitAcknowledged(200);
        clients.writer.awaitAcknowledged(20, Duration.ofSeconds(60));
        return clients;
    }

    /**
     * Stops both clients and reads everything back: every acknowledged record once and in order per partition,
     * every acknowledged row at QUORUM. Adds the counts to {@code figures} (prefixed {@code label}) before it
     * asserts, so a red run still shows them.
     */
    void verify(List<String> figures, String label) throws InterruptedException {
        producer.close();
        NumberedProducer.Verdict v = producer.verify();
        figures.add(String.format("kafka: %d records acknowledged, %d sends failed, %d consumed; lost %d, duplicated %d,"
                        + " partitions out of order %s", v.acknowledged(), v.failed(), v.consumed(), v.missing().size(),
                v.duplicates().size(), v.outOfOrder()));
        writer.close();
        Set<Integer> rows = writer.acknowledged();
        Map<Integer, Long> read = QuorumWriter.readAll(session);
        List<Integer> missing = rows.stream().filter(id -> !read.containsKey(id) || read.get(id) != (long) id * id).sorted().toList();
        figures.add(String.format("cassandra: %d rows acknowledged, %d writes failed, %d read back at QUORUM; lost %d",
                rows.size(), writer.allFailures().size(), read.size(), missing.size()));
        writer.allFailures().forEach(f -> System.out.println(label + ": cassandra: failed write: " + f));

        v.assertEveryAcknowledgedRecordOnceInOrder();
        assertThat(missing).as("rows acknowledged at QUORUM but not read back").isEmpty();
        assertThat(rows).hasSizeGreaterThan(100);
    }

    @Override
    public void close() throws InterruptedException {
        producer.close();
        writer.close();
        session.close();
    }
}
