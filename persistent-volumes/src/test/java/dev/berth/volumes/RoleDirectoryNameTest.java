package dev.berth.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleDirectoryNameTest {

    @Test
    void writesSlashesAsPercentEscapes() {
        assertThat(RoleDirectoryName.encode(Role.of("db/kafka"))).isEqualTo("db%2Fkafka");
        assertThat(RoleDirectoryName.encode(Role.of("kafka"))).isEqualTo("kafka");
        assertThat(RoleDirectoryName.decode("db%2Fkafka")).contains(Role.of("db/kafka"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db%2", "db%2fkafka", "100%", "a%2F%2Fb", "%2Fdb", ".", "..", "-x", "a b", "db%252Fkafka"})
    void readsNothingFromNamesItCannotHaveWritten(String name) {
        assertThat(RoleDirectoryName.decode(name)).isEmpty();
    }

    @Provide
    Arbitrary<Role> roles() {
        Arbitrary<String> segment = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                                .withChars('_').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '-').ofMaxLength(8))
                .as(String::concat);
        return segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> Role.of(String.join("/", parts)));
    }

    @Property
    void isReversibleAndGivesOneSafePathSegment(@ForAll("roles") Role role) {
        String name = RoleDirectoryName.encode(role);
        assertThat(name).doesNotContain("/").isNotIn(".", "..").doesNotStartWith(".").doesNotStartWith("-");
        assertThat(RoleDirectoryName.decode(name)).contains(role);
    }

    @Property
    void differentRolesGetDifferentNames(@ForAll("roles") Role a, @ForAll("roles") Role b) {
        assertThat(RoleDirectoryName.encode(a).equals(RoleDirectoryName.encode(b))).isEqualTo(a.equals(b));
    }
}
