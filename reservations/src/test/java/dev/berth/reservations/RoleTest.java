package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RoleTest {
    @ParameterizedTest
    @ValueSource(strings = {"db", "db/cassandra", "team_a/db-1/kafka", "a.b"})
    void acceptsHierarchicalNames(String name) {
        assertThat(Role.of(name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/db", "db/", "db//kafka", ".", "..", "db/../x", "db/./x", "my role", "-db", "*", "db\tx"})
    void refusesBadNames(String name) {
        assertThatThrownBy(() -> Role.of(name))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageStartingWith("role: '" + name + "' is not valid; expected segments of letters");
    }

    @Test
    void knowsItsAncestors() {
        assertThat(Role.of("db/cassandra").isWithin(Role.of("db"))).isTrue();
        assertThat(Role.of("dbx").isWithin(Role.of("db"))).isFalse();
    }

    @Test
    void principalRefusesBlanks() {
        assertThatThrownBy(() -> Principal.of("a b"))
                .hasMessage("principal: 'a b' is not valid; expected a non-empty name without spaces or control characters");
    }
}
