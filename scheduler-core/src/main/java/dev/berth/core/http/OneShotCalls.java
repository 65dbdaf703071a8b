package dev.berth.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The requests of {@link JsonHttp} that answer at once (everything but an event stream), over a blocking
 * {@link HttpURLConnection} on the caller's thread. Why not the JDK's {@code HttpClient}: in Java 17 it keeps
 * a selector thread waiting in native code for the client's life and cannot be closed, and a JVM that exits
 * while a thread sits in native code waits 300 ms for it, a third of a CLI command's time. Plain HTTP needs
 * no TLS set-up here; {@code https://} uses the JVM's trust store and host name check, as before.
 */
final class OneShotCalls {
    private final Duration connectTimeout;

    OneShotCalls(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** A response: its status and body (the error body for a status of 400 and above, empty when none). */
    record Answer(int status, byte[] body) {
    }

    /**
     * Sends {@code body} (none when null; a POST or PUT then sends an empty one) with {@code headers} and
     * answers the response, waiting at most {@code timeout} for it.
     *
     * @throws IOException when the master cannot be reached or does not answer in time
     */
    Answer call(String url, String method, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            boolean sends = body != null || method.equals("POST") || method.equals("PUT");
            if (sends) {
                byte[] bytes = body == null ? new byte[0] : body;
                // buffered, not in streaming mode: in that mode a 401 with WWW-Authenticate (the API's answer to
                // a bad token) comes back as an HttpRetryException instead of the response and its message
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
            }
        } catch (IOException e) {
            c.disconnect(); // a broken connection is not kept for the next call
            throw e;
        }
    }
}
