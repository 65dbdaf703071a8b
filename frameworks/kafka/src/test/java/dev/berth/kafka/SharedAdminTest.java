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
    private Admin admin(String bootstrap) {
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
        String first = shared.ask("a:9092", Object::toString);
        String second = shared.ask("a:9092", Object::toString);
        assertThat(second).isEqualTo(first);
        assertThat(created).hasSize(1);
        assertThat(closed).isEmpty();
    }

    @Test
    void aChangedBootstrapClosesTheOldClientAndMakesANewOne() {
        shared.ask("a:9092", Object::toString);
        String next = shared.ask("a:9092,b:9092", Object::toString);
        assertThat(next).isEqualTo("a:9092,b:9092#1");
        assertThat(closed).containsExactly("a:9092#0");
    }

    @Test
    void aCallWithoutAnAnswerDropsTheClientButKafkasOwnRefusalKeepsIt() {
        assertThatThrownBy(() -> shared.ask("a:9092", a -> {
            throw new InvalidRequestException("refused");
        })).isInstanceOf(InvalidRequestException.class);
        assertThat(closed).isEmpty();

        assertThatThrownBy(() -> shared.ask("a:9092", a -> {
            throw new TimeoutException("no answer");
        })).isInstanceOf(TimeoutException.class);
        assertThat(closed).containsExactly("a:9092#0");
        assertThat(shared.ask("a:9092", Object::toString)).isEqualTo("a:9092#1");
    }

    @Test
    void closingClosesTheClientAndRefusesLaterQuestions() {
        shared.ask("a:9092", Object::toString);
        shared.close();
        assertThat(closed).containsExactly("a:9092#0");
        assertThatThrownBy(() -> shared.ask("a:9092", Object::toString)).isInstanceOf(IllegalStateException.class);
    }
}
