package dev.berth.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's one-shot calls against a loopback server answering as the master does. */
class OneShotCallsTest {
    HttpServer server;
    String base;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] got = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestHeaders().getFirst("Content-Length")
                    + " " + new String(got, StandardCharsets.UTF_8));
            boolean authorized = "Bearer good".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? "{\"ok\":true}" : "{\"message\":\"a valid token is needed\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (!authorized) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"berth\"");
            }
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPostWithAndWithoutABodyIsSentWithItsLengthAndAnswered() {
        JsonHttp http = new JsonHttp(List.of(base), BearerToken.of("good"));
        assertThat(http.post("/v1/things", Map.of("a", 1), Map.class, java.time.Duration.ofSeconds(5))).containsEntry("ok", true);
        assertThat(http.post("/v1/empty", null, Map.class, java.time.Duration.ofSeconds(5))).containsEntry("ok", true);
        assertThat(http.get("/v1/things", Map.class)).containsEntry("ok", true);
        assertThat(seen).containsExactly("POST /v1/things Bearer good 7 {\"a\":1}", "POST /v1/empty Bearer good 0 ",
                "GET /v1/things Bearer good null ");
    }

    /** The master's 401 carries WWW-Authenticate: the caller gets its status and message, for a POST too. */
    @Test
    void aRefusedTokenIsA401WithTheMastersMessageForEveryMethod() {
        JsonHttp http = new JsonHttp(List.of(base), BearerToken.of("bad"));
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            assertThatThrownBy(() -> http.request(method, "/v1/things", method.equals("GET") || method.equals("DELETE") ? null : Map.of("a", 1)))
                    .as(method).isInstanceOfSatisfying(JsonHttp.ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).isEqualTo("a valid token is needed");
                    });
        }
    }

    @Test
    void aMasterNotListeningIsUnreachableNamingIt() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        JsonHttp http = new JsonHttp(List.of("http://127.0.0.1:" + closed), BearerToken.of("good"));
        assertThatThrownBy(() -> http.get("/v1/things", Map.class)).isInstanceOf(JsonHttp.UnreachableException.class)
                .hasMessage("no leading master answered at http://127.0.0.1:" + closed
                        + ": connection refused (is a master running there?)");
    }
}
