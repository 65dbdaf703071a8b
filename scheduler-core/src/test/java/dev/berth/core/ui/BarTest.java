package dev.berth.core.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ClusterViews.ResourceUse;
import org.junit.jupiter.api.Test;

class BarTest {
    @Test
    void sharesOfTheTotalWithOneDecimal() {
        Bar cpus = Bar.of(new ResourceUse("cpus", 0.1, 0.3, 2));
        assertThat(cpus.usedPercent()).isEqualTo(5.0);
        assertThat(cpus.reservedPercent()).isEqualTo(15.0);
        assertThat(cpus.label()).isEqualTo("0.1 / 0.3 / 2");
        assertThat(cpus.unit()).isEmpty();
        assertThat(cpus.usedWidth()).isEqualTo("5.0%");
        assertThat(Bar.percent(1, 3)).isEqualTo(33.3);
        assertThat(Bar.percent(2, 3)).isEqualTo(66.7);
    }

    @Test
    void unitsOfMemoryDiskAndPorts() {
        assertThat(Bar.of(new ResourceUse("mem", 32, 64, 8035)).unit()).isEqualTo("MiB");
        assertThat(Bar.of(new ResourceUse("disk", 16, 16, 26118)).label()).isEqualTo("16 / 16 / 26118");
        Bar ports = Bar.of(new ResourceUse("ports", 1, 1, 1001));
        assertThat(ports.unit()).isEqualTo("ports");
        assertThat(ports.reservedWidth()).isEqualTo("0.1%");
    }

    @Test
    void noneDeclaredIsAnEmptyBarAndMoreThanDeclaredAFullOne() {
        assertThat(Bar.of(new ResourceUse("gpus", 0, 0, 0)).usedPercent()).isZero();
        assertThat(Bar.percent(5, 0)).isZero();
        // an agent that came back smaller than what it still holds
        assertThat(Bar.percent(12, 8)).isEqualTo(100);
    }

    @Test
    void aTinyShareIsNotRoundedAwayIntoNothingVisibleAsAnother() {
        assertThat(Bar.percent(0.1, 2000)).isEqualTo(0.0);
        assertThat(Bar.percent(1, 101)).isEqualTo(1.0);
    }
}
