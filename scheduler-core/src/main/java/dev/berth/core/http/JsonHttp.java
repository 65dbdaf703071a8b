package dev.berth.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.json.BerthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A small JSON-over-HTTP client for Berth's own API, used by agents, remote frameworks and the CLI.
 * It knows several master URLs: a standby answers 503 naming the leader, and the client goes there;
 * a master that does not answer is skipped for the next one.
 */
public final class JsonHttp {
    /** Event streams only: their lines come as they are written. */
    private final SchemeClients clients = new SchemeClients(Duration.ofSeconds(3));
    /** Every other call. */
    private final OneShotCalls calls = new OneShotCalls(Duration.ofSeconds(3));
    private final List<String> masters;
    private final BearerToken token;
    private volatile String current;

    /** @param token sent with every request: who this client is to the masters */
    public JsonHttp(List<String> masterUrls, BearerToken token) {
        this.token = java.util.Objects.requireNonNull(token, "token");
        if (masterUrls.isEmpty()) {
            throw new IllegalArgumentException("master: at least one URL such as http://127.0.0.1:8080 is needed");
        }
        this.masters = List.copyOf(masterUrls);
        this.current = strip(masterUrls.get(0));
    }

    /** An answer that was not 2xx: its status, the API's error message and the field it names, if any. */
    public static final class ApiException extends RuntimeException {
        private final int status;
        private final Optional<String> field;

        ApiException(int status, String message, Optional<String> field) {
            super(message);
            this.status = status;
            this.field = field;
        }

        public int status() {
            return status;
        }

        /** The request field the API blames (e.g. {@code hello.count}), when it names one. */
        public Optional<String> field() {
            return field;
        }
    }

    /** No master answered at all. */
    public static final class UnreachableException extends RuntimeException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public String currentMaster() {
        return current;
    }

    public <T> T post(String path, Object body, Class<T> answer, Duration timeout) {
        byte[] bytes = send("POST", path, body, timeout);
        return answer == Void.class || bytes.length == 0 ? null : BerthJson.fromBytes(bytes, answer);
    }

    public <T> T post(String path, Object body, TypeReference<T> answer, Duration timeout) {
        byte[] bytes = send("POST", path, body, timeout);
        try {
            return BerthJson.mapper().readValue(bytes, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any method, answering the raw body (for DELETE and the like). */
    public byte[] request(String method, String path, Object body) {
        return send(method, path, body, Duration.ofSeconds(60));
    }

    public <T> T get(String path, Class<T> answer) {
        return BerthJson.fromBytes(send("GET", path, null, Duration.ofSeconds(30)), answer);
    }

    public <T> T get(String path, TypeReference<T> answer) {
        try {
            return BerthJson.mapper().readValue(send("GET", path, null, Duration.ofSeconds(30)), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One server-sent event: its id, its name and its data (the lines of {@code data:} joined). */
    public record StreamEvent(String id, String name, String data) {
    }

    /**
     * Follows a server-sent event stream ({@code text/event-stream}) of the leading master, from after
     * {@code lastEventId} when given, handing each event to {@code events} as it comes. Returns when the master
     * ends the stream or goes away; the caller reconnects with the last id it saw. Standbys are skipped as in
     * every call.
     */
    public void stream(String path, Optional<String> lastEventId, Consumer<StreamEvent> events) {
        HttpResponse<java.util.stream.Stream<String>> response = exchange(path, base -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET()
                    .header("Accept", "text/event-stream").header("Authorization", token.header());
            lastEventId.ifPresent(id -> b.header("Last-Event-ID", id));
            HttpResponse<java.util.stream.Stream<String>> r = clients.forUrl(base).send(b.build(),
                    HttpResponse.BodyHandlers.ofLines());
            return new Reply<>(r.statusCode(), r, () -> r.statusCode() / 100 == 2 ? new byte[0]
                    : String.join("\n", r.body().toList()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        try (java.util.stream.Stream<String> lines = response.body()) {
            new SseLines(events).feed(lines);
        } catch (UncheckedIOException gone) {
            // the master went away mid-stream: the caller reconnects
        }
    }

    /** Sends and answers the body of a 2xx response; follows a standby's pointer to the leader. */
    private byte[] send(String method, String path, Object body, Duration timeout) {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Accept", "application/json",
                "Authorization", token.header());
        byte[] bytes = body == null ? null : BerthJson.toBytes(body);
        return exchange(path, base -> {
            OneShotCalls.Answer a = calls.call(base + path, method, headers, bytes, timeout);
            return new Reply<>(a.status(), a.body(), a::body);
        });
    }

    /** A master's response: its status, what the caller gets of it, and its body's bytes for an error's message. */
    private record Reply<T>(int status, T value, java.util.function.Supplier<byte[]> errorBody) {
    }

    /** One request to the master at {@code base}. */
    private interface Call<T> {
        Reply<T> to(String base) throws IOException, InterruptedException;
    }

    /**
     * Sends the request to the current master, then the others: a master that does not answer is skipped,
     * a standby's 503 points to the leader, which is tried next. Answers the first 2xx response; another
     * status is an {@link ApiException} with the API's message.
     */
    private <T> T exchange(String path, Call<T> call) {
        List<String> order = new ArrayList<>();
        order.add(current);
        masters.stream().map(JsonHttp::strip).filter(u -> !u.equals(current)).forEach(order::add);
        IOException last = null;
        for (int hop = 0; hop < order.size() + 1 && !order.isEmpty(); hop++) {
            String base = order.remove(0);
            Reply<T> response;
            try {
                response = call.to(base);
            } catch (IOException e) {
                last = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException("interrupted while calling " + base + path, e);
            }
            int status = response.status();
            if (status / 100 == 2) {
                current = base;
                return response.value();
            }
            byte[] body = response.errorBody().get();
            if (status == 503) {
                Optional<String> leader = field(body, "leader");
                if (leader.isPresent() && !leader.get().equals(base)) {
                    order.add(0, strip(leader.get()));
                }
                last = new IOException(base + " is a standby: " + field(body, "message").orElse("503"));
                continue;
            }
            current = base;
            throw new ApiException(status, field(body, "message").orElse("HTTP " + status + " from " + base + path),
                    field(body, "field"));
        }
        throw new UnreachableException("no leading master answered at " + String.join(",", masters)
                + (last == null ? "" : ": " + describe(last)), last);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is a master running there?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Optional<String> field(byte[] body, String name) {
        try {
            JsonNode n = BerthJson.mapper().readTree(body);
            return n.hasNonNull(name) ? Optional.of(n.get(name).asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
