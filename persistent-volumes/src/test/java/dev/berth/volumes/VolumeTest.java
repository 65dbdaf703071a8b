package dev.berth.volumes;

import static dev.berth.volumes.Fixtures.KAFKA;
import static dev.berth.volumes.Fixtures.MOUNT;
import static dev.berth.volumes.Fixtures.disk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import org.junit.jupiter.api.Test;

class VolumeTest {

    @Test
    void knowsItsRoleSizeAndSourceFromItsDisk() {
        Volume v = Volume.of("data-0", "kafka/data", VolumeMode.RW, disk(KAFKA, "r1", "2000", MOUNT));
        assertThat(v.role()).contains(Role.of("db/kafka"));
        assertThat(v.size()).isEqualTo(Scalar.of(2000));
        assertThat(v.source()).isEqualTo(DiskSource.mount("/mnt/d1"));
        assertThat(v.reservation().flatMap(r -> r.labels().resourceId())).contains("r1");
        assertThat(v.resources()).isEqualTo(Resources.of(v.disk()));
    }

    @Test
    void readsWellInMessages() {
        Volume v = Volume.of("data-0", "data", VolumeMode.RO, disk(KAFKA, "r1", "512.5"));
        assertThat(v).hasToString("volume data-0 (ro at data, disk(db/kafka,kafka-principal,{resource_id=r1}):512.5 MiB)");
    }

    @Test
    void mayBeOnUnreservedDiskSoThatCreateRefusesIt() {
        Volume v = Volume.of("data-0", "data", VolumeMode.RW, Resource.scalar("disk", "100"));
        assertThat(v.role()).isEmpty();
        assertThat(v.reservation()).isEmpty();
    }

    @Test
    void needsSomeDisk() {
        assertThatThrownBy(() -> Volume.of("data-0", "data", VolumeMode.RW, Resource.scalar("mem", "100")))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("volume data-0 resource: 'mem:100' is not valid; expected a disk resource such as disk(role,principal):500");
        assertThatThrownBy(() -> Volume.of("data-0", "data", VolumeMode.RW, disk(KAFKA, "r1", "0")))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("volume data-0 size")
                .hasMessageContaining("more than 0 MiB");
    }

    @Test
    void validatesItsParts() {
        assertThatThrownBy(() -> Volume.of("../x", "data", VolumeMode.RW, disk(KAFKA, "r1", "1")))
                .hasMessageContaining("persistence id: '../x'");
        assertThatThrownBy(() -> Volume.of("x", "/data", VolumeMode.RW, disk(KAFKA, "r1", "1")))
                .hasMessageContaining("container path: '/data'");
    }
}
