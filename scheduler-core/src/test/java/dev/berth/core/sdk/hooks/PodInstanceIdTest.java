package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A pod instance's name is parsed in one place: type, index and task names, dashes in the type included. */
class PodInstanceIdTest {
    @Test
    void anInstanceNameIsItsTypeAndIndexAndNamesItsTasks() {
        PodInstanceId id = PodInstanceId.of("data-node-12");
        assertThat(id).isEqualTo(new PodInstanceId("data-node", 12));
        assertThat(id.toString()).isEqualTo("data-node-12");
        assertThat(id.taskName("server")).isEqualTo("data-node-12-server");
    }

    @Test
    void namesNotOfTheFormTypeIndexAreNotInstances() {
        assertThat(PodInstanceId.parse("broker")).isEmpty();
        assertThat(PodInstanceId.parse("-3")).isEmpty();
        assertThat(PodInstanceId.parse("broker-x")).isEmpty();
        assertThat(PodInstanceId.parse("broker-99999999999")).isEmpty();
        assertThat(PodInstanceId.parse(null)).isEmpty();
        assertThatThrownBy(() -> PodInstanceId.of("broker")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod instance: 'broker' is not valid; expected TYPE-INDEX such as node-0");
        assertThatThrownBy(() -> new PodInstanceId("node", -1)).hasMessageContaining("'node--1' is not valid");
    }
}
