package dev.berth.core.http;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK HTTP clients of one {@link JsonHttp}'s event streams (its other calls go through {@link OneShotCalls}):
 * one for {@code http://} masters and one for {@code https://}, each made when a stream first needs it. A client made with the JDK's defaults sets up TLS at once (reads
 * and parses the whole trust store), which cost a short CLI command against a plain-HTTP master a good part
 * of its time; the plain one is given a TLS context it never uses, so that set-up never happens.
 */
final class SchemeClients {
    private final Duration connectTimeout;
    private HttpClient plain;
    private HttpClient tls;

    SchemeClients(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The client for requests to {@code baseUrl}. */
    synchronized HttpClient forUrl(String baseUrl) {
        if (usesTls(baseUrl)) {
            if (tls == null) {
                tls = builder().build();
            }
            return tls;
        }
        if (plain == null) {
            try {
                // never initialized: no request of this client speaks TLS, and given parameters are not asked of it
                plain = builder().sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters()).build();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }
        return plain;
    }

    static boolean usesTls(String baseUrl) {
        return baseUrl.regionMatches(true, 0, "https:", 0, "https:".length());
    }

    /** HTTP/1.1: long polls each hold a connection of their own, with no h2c upgrade in between. */
    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
    }
}
