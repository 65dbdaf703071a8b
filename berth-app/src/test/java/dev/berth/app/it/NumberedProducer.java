package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.awaitility.Awaitility;

/**
 * Writes numbered records (0, 1, 2, …) with an idempotent acks=all producer from its own thread, one
 * in flight at a time, and remembers which were acknowledged on which partition, in order. Afterwards
 * a consumer reads the topic and the verdict says what was lost, duplicated or reordered.
 */
final class NumberedProducer implements AutoCloseable {
    /** Where the producer and the verifying consumer connect: the bootstrap servers, and TLS settings if any. */
    private final Properties client;
    private final String topic;
    private final KafkaProducer<Long, Long> producer;
    private final Thread thread;
    private final Map<Integer, List<Long>> acknowledged = new TreeMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    record Verdict(long acknowledged, long failed, long consumed, List<Long> missing, List<Long> duplicates,
                   List<Integer> outOfOrder) {
        /** Every acknowledged record read back, none twice, in the order acknowledged on each partition. */
        void assertEveryAcknowledgedRecordOnceInOrder() {
            assertThat(missing).as("acknowledged but not read back").isEmpty();
            assertThat(duplicates).as("read more than once").isEmpty();
            assertThat(outOfOrder).as("partitions whose acknowledged records came back out of order").isEmpty();
        }
    }

    private NumberedProducer(Properties client, String topic) {
        this.client = client;
        this.topic = topic;
        Properties p = new Properties();
        p.putAll(client);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "120000");
        producer = new KafkaProducer<>(p, new LongSerializer(), new LongSerializer());
        thread = new Thread(this::run, "numbered-producer");
        thread.setDaemon(true);
    }

    static NumberedProducer start(String bootstrap, String topic) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        return start(client, topic);
    }

    /** A producer with the client settings {@code client} (bootstrap.servers, and security settings for TLS). */
    static NumberedProducer start(Properties client, String topic) {
        NumberedProducer p = new NumberedProducer(client, topic);
        p.thread.start();
        return p;
    }

    private void run() {
        long n = 0;
        while (running) {
            long value = n++;
            try {
                var meta = producer.send(new ProducerRecord<>(topic, value, value)).get();
                synchronized (acknowledged) {
                    acknowledged.computeIfAbsent(meta.partition(), k -> new ArrayList<>()).add(value);
                }
                acked.incrementAndGet();
                Thread.sleep(5); // a steady stream, not a flood on two cores
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed.incrementAndGet(); // not acknowledged: may or may not be in the log, never twice
            }
        }
    }

    long acknowledged() {
        return acked.get();
    }

    /** Waits until at least {@code count} records were acknowledged: the producer keeps making progress. */
    void awaitAcknowledged(long count) {
        Awaitility.await("producer acknowledged " + count).atMost(Duration.ofSeconds(120)).until(() -> acked.get() >= count);
    }

    /** Reads the whole topic and compares it with what was acknowledged. Call after close. */
    Verdict verify() {
        Map<Integer, List<Long>> read = new HashMap<>();
        Properties c = new Properties();
        c.putAll(client);
        c.put("group.id", "verify-" + System.nanoTime());
        c.put("auto.offset.reset", "earliest");
        c.put("isolation.level", "read_committed");
        long total;
        synchronized (acknowledged) {
            total = acknowledged.values().stream().mapToLong(List::size).sum();
        }
        try (KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(c, new LongDeserializer(), new LongDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<TopicPartition, Long> ends = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<Long, Long> r : consumer.poll(Duration.ofMillis(500))) {
                    read.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(r.value());
                }
                if (!consumer.assignment().isEmpty()) {
                    if (ends == null) {
                        ends = consumer.endOffsets(consumer.assignment());
                    }
                    boolean atEnd = true;
                    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                        atEnd &= consumer.position(e.getKey()) >= e.getValue();
                    }
                    if (atEnd) {
                        break;
                    }
                }
            }
        }
        List<Long> missing = new ArrayList<>();
        List<Long> duplicates = new ArrayList<>();
        List<Integer> outOfOrder = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        read.values().forEach(values -> values.forEach(v -> {
            if (!seen.add(v)) {
                duplicates.add(v);
            }
        }));
        synchronized (acknowledged) {
            acknowledged.forEach((partition, values) -> {
                List<Long> got = read.getOrDefault(partition, List.of());
                values.stream().filter(v -> !seen.contains(v)).forEach(missing::add);
                Set<Long> ackedHere = new HashSet<>(values);
                List<Long> ackedAsRead = got.stream().filter(ackedHere::contains).toList();
                if (!ackedAsRead.equals(values.stream().filter(seen::contains).toList())) {
                    outOfOrder.add(partition);
                }
            });
        }
        long consumed = read.values().stream().mapToLong(List::size).sum();
        return new Verdict(total, failed.get(), consumed, missing, duplicates, outOfOrder);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(130).toMillis());
        producer.close(Duration.ofSeconds(10));
    }
}
