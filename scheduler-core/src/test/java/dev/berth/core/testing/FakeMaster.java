package dev.berth.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A master's HTTP API as a unit test plays it, on 127.0.0.1 and an ephemeral port: every request gets
 * the answer the test set, and is recorded as it arrived (method, raw path and query, body), so a test
 * can check what a client sent, percent-encoding included.
 */
public final class FakeMaster implements AutoCloseable {
    /** A request as it reached the server: path and query still percent-encoded; query null when there is none. */
    public record Request(String method, String rawPath, String rawQuery, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";

    private FakeMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeMaster start() throws IOException {
        return new FakeMaster();
    }

    /** From now on, answers every request with this status and body. */
    public FakeMaster answering(int answerStatus, String answerBody) {
        this.status = answerStatus;
        this.body = answerBody;
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
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
