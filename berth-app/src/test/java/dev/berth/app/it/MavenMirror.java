package dev.berth.app.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mirror of Maven Central for test hosts that have no route beyond their bridge, as a site without internet
 * access runs a Nexus or Artifactory: it listens on the test's own address on the hosts' network and passes
 * each GET or HEAD on to Central. Agents use it with {@code --maven-mirror}.
 */
final class MavenMirror implements AutoCloseable {
    private static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final AtomicInteger served = new AtomicInteger();

    MavenMirror(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        server.createContext("/maven2/", this::pass);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "maven-mirror");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The mirror's URL, for {@code --maven-mirror}. */
    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/maven2/";
    }

    int served() {
        return served.get();
    }

    private void pass(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath().substring("/maven2".length());
            HttpRequest request = HttpRequest.newBuilder(URI.create(CENTRAL + path)).timeout(Duration.ofMinutes(2))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            long length = answer.headers().firstValueAsLong("Content-Length").orElse(0);
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(answer.statusCode(), -1);
                answer.body().close();
                return;
            }
            exchange.sendResponseHeaders(answer.statusCode(), length > 0 ? length : 0);
            try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
            served.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
