package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** One client per side of a service, kept between questions; made again when it cannot be trusted. */
class SharedAdminTest {
    final List<String> created = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final SharedAdmin shared = new SharedAdmin(this::admin);

    /** An Admin that only knows its bootstrap and whether it was closed. */
    private Admin admin(KafkaBootstrap bootstrap) {
        String name = bootstrap + "#" + created.size();
        created.add(name);
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                closed.add(name);
                return null;
            }
            if (method.getName().equals("toString")) {
                return name;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    @Test
    void questionsOnTheSameBootstrapShareOneClient() {
        String first = shared.ask(plain("a:9092"), Object::toString);
        String second = shared.ask(plain("a:9092"), Object::toString);
        assertThat(second).isEqualTo(first);
        assertThat(created).hasSize(1);
        assertThat(closed).isEmpty();
    }

    @Test
    void aChangedBootstrapClosesTheOldClientAndMakesANewOne() {
        shared.ask(plain("a:9092"), Object::toString);
        String next = shared.ask(plain("a:9092,b:9092"), Object::toString);
        assertThat(next).isEqualTo("a:9092,b:9092#1");
        assertThat(closed).containsExactly("a:9092#0");
    }

    @Test
    void aCallWithoutAnAnswerDropsTheClientButKafkasOwnRefusalKeepsIt() {
        assertThatThrownBy(() -> shared.ask(plain("a:9092"), a -> {
            throw new InvalidRequestException("refused");
        })).isInstanceOf(InvalidRequestException.class);
        assertThat(closed).isEmpty();

        assertThatThrownBy(() -> shared.ask(plain("a:9092"), a -> {
            throw new TimeoutException("no answer");
        })).isInstanceOf(TimeoutException.class);
        assertThat(closed).containsExactly("a:9092#0");
        assertThat(shared.ask(plain("a:9092"), Object::toString)).isEqualTo("a:9092#1");
    }

    @Test
    void aCertificateToTrustIsPartOfWhatTheClientIsFor() {
        shared.ask(plain("a:9092"), Object::toString);
        shared.ask(new KafkaBootstrap("a:9092", java.util.Optional.of("-----BEGIN CERTIFICATE-----")), Object::toString);
        assertThat(created).hasSize(2);
        assertThat(closed).containsExactly("a:9092#0");
    }

    private static KafkaBootstrap plain(String servers) {
        return KafkaBootstrap.plaintext(servers);
    }

    @Test
    void closingClosesTheClientAndRefusesLaterQuestions() {
        shared.ask(plain("a:9092"), Object::toString);
        shared.close();
        assertThat(closed).containsExactly("a:9092#0");
        assertThatThrownBy(() -> shared.ask(plain("a:9092"), Object::toString)).isInstanceOf(IllegalStateException.class);
    }
}
