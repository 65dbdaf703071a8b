package dev.berth.kafka;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One Admin client for all the hooks' questions to one side of a service (its brokers, or its
 * controllers), kept between questions: a new client per question spent 100–300 ms connecting and
 * fetching metadata before it could ask anything, a cost paid on every readiness and stop check of a
 * rolling restart. The client is made again when the bootstrap changes (an instance moved, the
 * service grew) and after a call that failed without an answer from Kafka (a timeout, a client that
 * broke): a fresh client starts from the current endpoints rather than from what a stuck one knew.
 * Closed with the hooks, when the service is uninstalled or its scheduler stops. Thread-safe: the
 * hooks run on several threads; the Admin itself is thread-safe.
 */
final class SharedAdmin implements AutoCloseable {
    private final Function<KafkaBootstrap, Admin> create;
    private Admin admin;
    private KafkaBootstrap bootstrap;
    private boolean closed;

    /** @param create makes a client for a bootstrap list ({@link KafkaAdmins#brokers} or {@link KafkaAdmins#controllers}) */
    SharedAdmin(Function<KafkaBootstrap, Admin> create) {
        this.create = create;
    }

    /**
     * The answer of {@code question} asked of the client for {@code bootstrap}. Kafka's errors go to the
     * caller as they are; one that means the client had no answer also drops the client.
     */
    <T> T ask(KafkaBootstrap bootstrap, Function<Admin, T> question) {
        Admin a = client(bootstrap);
        try {
            return question.apply(a);
        } catch (RuntimeException e) {
            if (e instanceof TimeoutException || !(e instanceof ApiException)) {
                drop(a);
            }
            throw e;
        }
    }

    private synchronized Admin client(KafkaBootstrap wanted) {
        if (closed) {
            throw new IllegalStateException("the service's Kafka clients are closed");
        }
        if (admin != null && !wanted.equals(bootstrap)) {
            closeQuietly(admin);
            admin = null;
        }
        if (admin == null) {
            admin = create.apply(wanted);
            bootstrap = wanted;
        }
        return admin;
    }

    /** Drops {@code failed} if it is still the current client (another thread may have replaced it already). */
    private synchronized void drop(Admin failed) {
        if (admin == failed) {
            closeQuietly(admin);
            admin = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            closeQuietly(admin);
            admin = null;
        }
    }

    private static void closeQuietly(Admin a) {
        try {
            // no wait for calls in flight: a question still running on another thread fails and is asked again
            a.close(Duration.ZERO);
        } catch (RuntimeException e) {
            // a client that cannot close cleanly is gone all the same
        }
    }
}
