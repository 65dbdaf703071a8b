package dev.berth.app.it;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.json.BerthJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the events a master published to a Kafka topic, as an application consuming them would. */
final class EventTopic {
    private EventTopic() {
    }

    /** The topic's events from its start (partition 0, the only one), read until {@code enough} says so or 60 s pass. */
    static List<ClusterEvent> readUntil(String bootstrap, String topic, Predicate<List<ClusterEvent>> enough) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("enable.auto.commit", "false");
        List<ClusterEvent> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition only = new TopicPartition(topic, 0);
            consumer.assign(List.of(only));
            consumer.seekToBeginning(List.of(only));
            while (!enough.test(read) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    read.add(BerthJson.fromBytes(r.value().getBytes(StandardCharsets.UTF_8), ClusterEvent.class));
                }
            }
        }
        return read;
    }
}
