package dev.berth.kafka.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic to create, checked before any broker is asked so that a mistake gets a message naming the
 * option. Partitions and replication factor left out take the brokers' defaults
 * ({@code num.partitions}, {@code default.replication.factor}).
 */
record NewTopicRequest(String topic, Optional<Integer> partitions, Optional<Integer> replicationFactor,
                       Map<String, String> configs) {
    NewTopicRequest {
        configs = Map.copyOf(configs);
    }

    static NewTopicRequest of(String topic, Integer partitions, Integer replicationFactor, List<String> configs) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic: give the name of the topic to create");
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions: " + partitions + " is below 1");
        }
        if (replicationFactor != null && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
            throw new IllegalArgumentException("--replication-factor: " + replicationFactor + " is not between 1 and "
                    + Short.MAX_VALUE);
        }
        return new NewTopicRequest(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor),
                TopicConfigs.parse(configs));
    }

    /** Each replica needs a broker of its own: more replicas than running brokers cannot be placed. */
    void checkBrokers(int brokers, String service) {
        if (replicationFactor.isPresent() && replicationFactor.get() > brokers) {
            throw new IllegalArgumentException("--replication-factor: " + replicationFactor.get() + " is more than the "
                    + brokers + " broker" + (brokers == 1 ? "" : "s") + " running in service " + service
                    + "; each replica needs a broker of its own");
        }
    }

    NewTopic toNewTopic() {
        return new NewTopic(topic, partitions, replicationFactor.map(Integer::shortValue)).configs(configs);
    }
}
