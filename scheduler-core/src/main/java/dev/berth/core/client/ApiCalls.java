package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.json.BerthJson;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every call of the client is sent: through {@link JsonHttp} (which finds the leading master), with
 * the timeouts the CLI has always had, and with its errors turned into the client's typed exceptions.
 */
final class ApiCalls {
    /** Installs, updates, plan and pod actions wait for the master to apply them; reads take JsonHttp's 30 s. */
    static final Duration ACTION_TIMEOUT = Duration.ofSeconds(60);

    private final JsonHttp http;

    ApiCalls(JsonHttp http) {
        this.http = http;
    }

    /** The master that answered last (the leader, once one answered). */
    String currentMaster() {
        return http.currentMaster();
    }

    <T> T get(ApiPath path, Class<T> answer) {
        return translated(() -> http.get(path.toString(), answer));
    }

    <T> T get(ApiPath path, TypeReference<T> answer) {
        return translated(() -> http.get(path.toString(), answer));
    }

    /** A POST that changes something; {@code body} may be null. */
    <T> T post(ApiPath path, Object body, Class<T> answer) {
        return translated(() -> http.post(path.toString(), body, answer, ACTION_TIMEOUT));
    }

    /** A POST that changes something, answering a generic type such as a list. */
    <T> T post(ApiPath path, Object body, TypeReference<T> answer) {
        return translated(() -> http.post(path.toString(), body, answer, ACTION_TIMEOUT));
    }

    /** A PUT that sets something to {@code body}. */
    <T> T put(ApiPath path, Object body, Class<T> answer) {
        return translated(() -> BerthJson.fromBytes(http.request("PUT", path.toString(), body), answer));
    }

    /** A DELETE (JsonHttp gives it {@link #ACTION_TIMEOUT} too). */
    <T> T delete(ApiPath path, Class<T> answer) {
        return translated(() -> BerthJson.fromBytes(http.request("DELETE", path.toString(), null), answer));
    }

    /** Follows a server-sent event stream until the master ends it or goes away. */
    void stream(ApiPath path, java.util.Optional<String> lastEventId, java.util.function.Consumer<JsonHttp.StreamEvent> events) {
        translated(() -> {
            http.stream(path.toString(), lastEventId, events);
            return null;
        });
    }

    /**
     * Follows a server-sent event stream across failovers: when the master ends the stream or goes away, it
     * reconnects to whichever master leads, resuming after the last event id it saw. Each event goes to
     * {@code each}, which answers whether to go on. Returns when {@code each} says stop, when interrupted, or
     * throws {@link MasterUnreachableException} when no master has answered for {@link #FOLLOW_PATIENCE}; an error
     * answer of a master (403, 404...) ends it with that error.
     */
    void follow(ApiPath path, java.util.Optional<String> after, java.util.function.Predicate<JsonHttp.StreamEvent> each) {
        java.util.Optional<String> lastId = after;
        java.time.Instant lastAnswer = java.time.Instant.now();
        boolean[] stop = {false};
        while (!Thread.currentThread().isInterrupted()) {
            String[] seen = {lastId.orElse(null)};
            try {
                stream(path, lastId, e -> {
                    if (stop[0]) {
                        return;
                    }
                    if (e.id() != null && !e.id().isBlank()) {
                        seen[0] = e.id();
                    }
                    stop[0] = !each.test(e);
                });
                lastAnswer = java.time.Instant.now();
            } catch (MasterUnreachableException e) {
                if (Duration.between(lastAnswer, java.time.Instant.now()).compareTo(FOLLOW_PATIENCE) > 0) {
                    throw e;
                }
            }
            if (stop[0]) {
                return;
            }
            lastId = java.util.Optional.ofNullable(seen[0]);
            try {
                Thread.sleep(RECONNECT_PAUSE.toMillis()); // the stream ended: a failover is under way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How long {@link #follow} tries to reconnect when no master answers. */
    static final Duration FOLLOW_PATIENCE = Duration.ofSeconds(60);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (JsonHttp.ApiException e) {
            throw BerthApiException.of(e.status(), e.getMessage(), e.field(), e);
        } catch (JsonHttp.UnreachableException e) {
            throw new MasterUnreachableException(e.getMessage(), e);
        }
    }
}
