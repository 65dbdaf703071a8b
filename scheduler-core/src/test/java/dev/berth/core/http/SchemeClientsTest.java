package dev.berth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class SchemeClientsTest {
    @Test
    void plainHttpMastersGetAClientWithoutTheDefaultTlsSetUp() throws Exception {
        SchemeClients clients = new SchemeClients(Duration.ofSeconds(1));
        HttpClient plain = clients.forUrl("http://127.0.0.1:8080");
        assertThat(plain.sslContext()).isNotSameAs(SSLContext.getDefault());
        assertThat(clients.forUrl("HTTP://10.0.0.1:8080")).isSameAs(plain);
    }

    @Test
    void httpsMastersGetTheJdksTlsWithItsTrustStore() throws Exception {
        SchemeClients clients = new SchemeClients(Duration.ofSeconds(1));
        HttpClient tls = clients.forUrl("https://master.example:8443");
        assertThat(tls.sslContext()).isSameAs(SSLContext.getDefault());
        assertThat(clients.forUrl("HTTPS://other.example")).isSameAs(tls);
        assertThat(clients.forUrl("http://127.0.0.1:8080")).isNotSameAs(tls);
    }
}
