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
