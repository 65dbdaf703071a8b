package dev.berth.kafka;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AddRaftVoterResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.admin.RemoveRaftVoterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * An Admin that records the voter changes asked of it and answers each with a given error (or
 * success), so that carrying out a change can be tested without a controller.
 */
final class FakeAdmin {
    final List<String> calls = new ArrayList<>();
    final Map<String, RuntimeException> errors = new HashMap<>();

    Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "addRaftVoter":
                    calls.add("add " + args[0] + " " + args[1] + " " + endpoints((Set<?>) args[2]));
                    return result(AddRaftVoterResult.class, errors.get("add"));
                case "removeRaftVoter":
                    calls.add("remove " + args[0] + " " + args[1]);
                    return result(RemoveRaftVoterResult.class, errors.get("remove"));
                case "close":
                    return null;
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    private static String endpoints(Set<?> endpoints) {
        return endpoints.stream().map(e -> (RaftVoterEndpoint) e).map(e -> e.name() + "://" + e.host() + ":" + e.port())
                .sorted().toList().toString();
    }

    /** The results' constructors are package-private in Kafka: a test has to reach them by reflection. */
    private static <T> T result(Class<T> type, RuntimeException error) throws ReflectiveOperationException {
        KafkaFutureImpl<Void> f = new KafkaFutureImpl<>();
        if (error == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(error);
        }
        Constructor<T> c = type.getDeclaredConstructor(KafkaFuture.class);
        c.setAccessible(true);
        return c.newInstance(f);
    }
}
