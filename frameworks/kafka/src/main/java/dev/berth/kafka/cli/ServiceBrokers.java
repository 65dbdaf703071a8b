package dev.berth.kafka.cli;

import dev.berth.core.client.ServiceClient;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.kafka.KafkaAdmins;
import dev.berth.kafka.KafkaBootstrap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The brokers of one service, found through the master's endpoints, and an Admin on them whose
 * errors come out as one line a user can act on ("topic 'numbers' already exists in service kafka").
 */
final class ServiceBrokers implements AutoCloseable {
    /** A person waits for these; a few seconds more than the hooks allow, for a cluster under load. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final String BROKER_ENDPOINT = "broker";

    private final String service;
    private final KafkaBootstrap bootstrap;
    private final Admin admin;

    private ServiceBrokers(String service, KafkaBootstrap bootstrap) {
        this.service = service;
        this.bootstrap = bootstrap;
        this.admin = KafkaAdmins.brokers(bootstrap, TIMEOUT, "berth-cli");
    }

    /** Asks the master for the service's endpoints; an unknown service fails with the master's own message. */
    static ServiceBrokers of(ServiceClient services, String service) {
        Map<String, List<String>> endpoints = services.endpoints(service);
        // a service whose brokers serve TLS lists its CA as endpoint 'ca': trust it
        Optional<String> ca = endpoints.containsKey(ServiceViews.EndpointView.CA)
                ? Optional.of(services.endpoint(service, ServiceViews.EndpointView.CA).certificate()) : Optional.empty();
        return new ServiceBrokers(service, new KafkaBootstrap(bootstrap(service, endpoints), ca));
    }


    static String bootstrap(String service, Map<String, List<String>> endpoints) {
        List<String> brokers = endpoints.getOrDefault(BROKER_ENDPOINT, List.of());
        if (brokers.isEmpty()) {
            throw new IllegalStateException("service " + service + " has no '" + BROKER_ENDPOINT
                    + "' endpoint (yet); is it a kafka service, and deployed? endpoints: " + new TreeMap<>(endpoints).keySet());
        }
        return String.join(",", brokers);
    }

    String service() {
        return service;
    }

    Admin admin() {
        return admin;
    }

    /** Waits for an Admin answer about {@code topic}; Kafka's refusals become messages naming the option or topic. */
    <T> T await(KafkaFuture<T> future, String topic) {
        try {
            return KafkaAdmins.await(future, TIMEOUT);
        } catch (TopicExistsException e) {
            throw new IllegalArgumentException("topic '" + topic + "' already exists in service " + service);
        } catch (UnknownTopicOrPartitionException e) {
            throw new IllegalArgumentException("service " + service + " has no topic '" + topic + "'");
        } catch (InvalidReplicationFactorException e) {
            throw new IllegalArgumentException("--replication-factor: " + e.getMessage());
        } catch (InvalidPartitionsException e) {
            throw new IllegalArgumentException("--partitions: " + e.getMessage());
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("topic '" + topic + "': " + e.getMessage());
        } catch (InvalidConfigurationException | PolicyViolationException e) {
            // after its subclasses above: what is left is a config value the brokers refused
            throw new IllegalArgumentException("--config: " + e.getMessage());
        } catch (InvalidRequestException e) {
            // Kafka answers an unknown config name this way ("Unknown topic config name: x").
            throw new IllegalArgumentException(e.getMessage());
        } catch (TopicDeletionDisabledException e) {
            throw new IllegalStateException("service " + service + " does not allow deleting topics (delete.topic.enable=false)");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers of service " + service + " at " + bootstrap + " did not answer within "
                    + TIMEOUT.toSeconds() + "s");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
