package dev.berth.app.it;

import dev.berth.core.tls.ClientTrust;
import dev.berth.kafka.KafkaAdmins;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** What a database client does to trust a TLS service: its CA from {@code berth endpoints SVC ca}. */
final class TlsClients {
    private TlsClients() {
    }

    /** A Kafka client's settings for {@code bootstrap} over TLS, trusting {@code caPem} only. */
    static Properties kafka(String bootstrap, String caPem) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.putAll(KafkaAdmins.tls(caPem)); // what Berth's own Kafka clients use
        return p;
    }

    /**
     * The certificate {@code host:port} serves, from a TLS handshake that trusts {@code caPem} only and checks the
     * certificate is for {@code host} (as HTTPS clients do): a certificate of another CA or another address fails.
     */
    static X509Certificate served(String hostPort, String caPem) throws IOException, GeneralSecurityException {
        SSLContext ctx = ClientTrust.sslContext(caPem);
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(host, port)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    static BigInteger serial(String hostPort, String caPem) throws IOException, GeneralSecurityException {
        return served(hostPort, caPem).getSerialNumber();
    }
}
