package dev.berth.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.InvalidResourceException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersistenceIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"data-0", "node-0_log", "a", "_x", "0", "kafka.broker-1", "A.B_C-D"})
    void acceptsSafeDirectoryNames(String id) {
        assertThat(PersistenceId.of(id).value()).isEqualTo(id);
        assertThat(PersistenceId.of(id)).hasToString(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "..", ".", "-rf", "a/b", "a b", "a\\b", "data\u00e9", "x\n", "a:b"})
    void refusesNamesThatAreNotSafeDirectoryNames(String id) {
        assertThatThrownBy(() -> PersistenceId.of(id))
                .isInstanceOfSatisfying(InvalidResourceException.class, e -> {
                    assertThat(e.field()).isEqualTo("persistence id");
                    assertThat(e.value()).isEqualTo(id);
                    assertThat(e.allowed()).contains("letters, digits, '.', '_' or '-'", "not starting with '.' or '-'");
                })
                .hasMessageStartingWith("persistence id: '" + id + "' is not valid; expected 1 to 128");
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndMoreThan128Characters() {
        assertThatThrownBy(() -> PersistenceId.of(null)).hasMessageContaining("'null' is not valid");
        assertThat(PersistenceId.of("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> PersistenceId.of("a".repeat(129))).isInstanceOf(InvalidResourceException.class);
    }

    @Provide
    Arbitrary<String> validIds() {
        return Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                                .withChars('_').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('.', '_', '-')
                                .ofMaxLength(127))
                .as(String::concat);
    }

    @Property
    void everyNameOfTheAlphabetIsAcceptedAndOrderedAsText(@ForAll("validIds") String a, @ForAll("validIds") String b) {
        assertThat(Integer.signum(PersistenceId.of(a).compareTo(PersistenceId.of(b))))
                .isEqualTo(Integer.signum(a.compareTo(b)));
    }
}
