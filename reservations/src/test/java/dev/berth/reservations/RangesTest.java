package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangesTest {
    @Test
    void keepsACanonicalForm() {
        Ranges r = Ranges.of(new Range(10, 12), new Range(5, 6), new Range(13, 15), new Range(7, 7));
        assertThat(r.toString()).isEqualTo("[5-7,10-15]");
        assertThat(r.plus(Ranges.of(new Range(8, 9))).toString()).isEqualTo("[5-15]");
        assertThat(Ranges.parse("ports", "[31000-31002, 31005]").toString()).isEqualTo("[31000-31002,31005]");
    }

    @Test
    void subtractsAHoleOutOfTheMiddle() {
        Ranges all = Ranges.parse("ports", "[31000-32000]");
        Ranges left = all.minus(Ranges.parse("ports", "[31100-31199]"));
        assertThat(left.toString()).isEqualTo("[31000-31099,31200-32000]");
        assertThat(left.count()).isEqualTo(901);
        assertThat(left.covers(Ranges.parse("ports", "[31100]"))).isFalse();
        assertThat(left.plus(Ranges.parse("ports", "[31100-31199]"))).isEqualTo(all);
    }

    @Test
    void picksTheFirstValues() {
        Ranges r = Ranges.parse("ports", "[9000-9001,9100-9200]");
        assertThat(r.firstValues(3)).contains(Ranges.parse("ports", "[9000-9001,9100]"));
        assertThat(r.firstValues(1000)).isEmpty();
    }

    @Test
    void refusesMalformedRanges() {
        assertThatThrownBy(() -> Ranges.parse("ports", "31000-32000"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("ports: '31000-32000' is not valid; expected ranges in brackets");
        assertThatThrownBy(() -> Ranges.parse("ports", "[32000-31000]"))
                .hasMessageContaining("bad part '32000-31000'");
    }
}
