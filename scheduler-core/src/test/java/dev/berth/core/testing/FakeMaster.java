package dev.berth.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A master's HTTP API as a unit test plays it, on 127.0.0.1 and an ephemeral port: every request gets
 * the answer the test set (for its path, or for any path), and is recorded as it arrived (method, raw path and query, body), so a test
 * can check what a client sent, percent-encoding included.
 */
public final class FakeMaster implements AutoCloseable {
    /**
     * A request as it reached the server: path and query still percent-encoded; query null when there is none;
     * the Authorization header (null when none was sent).
     */
    public record Request(String method, String rawPath, String rawQuery, String body, String authorization) {
    }

    private final HttpServer server;
    private record Answer(int status, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> byPath = new ConcurrentHashMap<>();
    private volatile Answer answer = new Answer(200, "{}");

    private FakeMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeMaster start() throws IOException {
        return new FakeMaster();
    }

    /** From now on, answers every request with this status and body (but those of a path given its own answer). */
    public FakeMaster answering(int status, String body) {
        this.answer = new Answer(status, body);
        return this;
    }

    /** From now on, answers requests to this path (percent-encoded, without query) with this status and body. */
    public FakeMaster answering(String rawPath, int status, String body) {
        byPath.put(rawPath, new Answer(status, body));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("no request reached " + url());
        }
        return requests.get(requests.size() - 1);
    }

    /** A URL where nothing listens: the port was free a moment ago, and nothing of this test binds it. */
    public static String deadUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            Answer a = byPath.getOrDefault(path, answer);
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
