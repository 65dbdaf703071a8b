package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScalarTest {
    @Test
    void tenTimesOneTenthIsExactlyOne() {
        Scalar sum = Scalar.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Scalar.parse("cpus", "0.1"));
        }
        assertThat(sum).isEqualTo(Scalar.of(1));
        assertThat(sum.toString()).isEqualTo("1");
    }

    @Test
    void printsTheShortestDecimal() {
        assertThat(Scalar.parse("cpus", "0.500").toString()).isEqualTo("0.5");
        assertThat(Scalar.parse("mem", "8192").toString()).isEqualTo("8192");
        assertThat(Scalar.parse("cpus", "0.125").toString()).isEqualTo("0.125");
        assertThat(Scalar.parse("disk", "1000").toString()).isEqualTo("1000");
    }

    @Test
    void refusesNegativeTooPreciseAndNonNumbers() {
        assertThatThrownBy(() -> Scalar.parse("cpus", "-1"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("cpus: '-1' is not valid; expected a non-negative decimal number such as 4 or 0.5");
        assertThatThrownBy(() -> Scalar.parse("cpus", "0.0001"))
                .hasMessage("cpus: '0.0001' is not valid; expected at most 3 decimals");
        assertThatThrownBy(() -> Scalar.parse("mem", "lots"))
                .hasMessageContaining("mem: 'lots' is not valid");
    }
}
