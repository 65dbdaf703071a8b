package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceTextTest {
    @Test
    void parsesAndFormatsTheAgentForm() {
        Resources r = Resources.parse("cpus:4;mem:8192;disk:100000;ports:[31000-32000]");
        assertThat(r.scalar("cpus")).isEqualTo(Scalar.of(4));
        assertThat(r.scalar("mem")).isEqualTo(Scalar.of(8192));
        assertThat(r.scalar("disk")).isEqualTo(Scalar.of(100000));
        assertThat(r.ranges("ports").count()).isEqualTo(1001);
        assertThat(r.toString()).isEqualTo("cpus:4;mem:8192;disk:100000;ports:[31000-32000]");
    }

    @Test
    void formatsInCanonicalOrderWhateverTheInputOrder() {
        assertThat(Resources.parse(" ports:[1-2] ; mem:1.5;gpus:1;cpus:0.25 ").toString())
                .isEqualTo("cpus:0.25;mem:1.5;gpus:1;ports:[1-2]");
    }

    @Test
    void parsesDiskSources() {
        Resources r = Resources.parse("disk:1000;disk[path:/srv/d1]:500;disk[mount:/mnt/d2]:2000");
        assertThat(r.scalar("disk")).isEqualTo(Scalar.of(3500));
        assertThat(r.list()).extracting(Resource::source)
                .containsExactly(DiskSource.ROOT, DiskSource.path("/srv/d1"), DiskSource.mount("/mnt/d2"));
        assertThat(Resources.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void refusesBadEntriesNamingThem() {
        assertThatThrownBy(() -> Resources.parse("cpus=4"))
                .isInstanceOf(InvalidResourceException.class)
                .hasMessage("resources: 'cpus=4' is not valid; expected NAME:VALUE, such as cpus:4 or ports:[31000-32000]");
        assertThatThrownBy(() -> Resources.parse("cpus:4;cpus:2"))
                .hasMessageContaining("each resource once; 'cpus' appears twice");
        assertThatThrownBy(() -> Resources.parse("ports:31000"))
                .hasMessage("ports: '31000' is not valid; expected ranges such as [31000-32000]");
        assertThatThrownBy(() -> Resources.parse("cpus:[1-2]"))
                .hasMessage("cpus: '[1-2]' is not valid; expected a scalar such as 4 or 0.5");
        assertThatThrownBy(() -> Resources.parse("Cpus:1"))
                .hasMessageContaining("resource name: 'Cpus' is not valid");
        assertThatThrownBy(() -> Resources.parse("disk[tape:/x]:1"))
                .hasMessage("disk source: 'tape:/x' is not valid; expected path:/absolute/dir or mount:/absolute/dir");
        assertThatThrownBy(() -> Resources.parse("mem[path:/x]:1"))
                .hasMessageContaining("a disk source only on disk");
        assertThatThrownBy(() -> Resources.parse(""))
                .hasMessageContaining("resources: '' is not valid");
    }
}
