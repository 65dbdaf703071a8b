package dev.berth.volumes;

import static dev.berth.volumes.Fixtures.CASSANDRA;
import static dev.berth.volumes.Fixtures.KAFKA;
import static dev.berth.volumes.Fixtures.disk;
import static dev.berth.volumes.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On real files: a temporary work dir and temporary directories standing for PATH and MOUNT disks. */
class VolumeStoreTest {
    @TempDir
    Path tmp;

    Path workDir;
    Path pathDisk;
    Path mountDisk;
    DiskSource pathSource;
    DiskSource mountSource;
    VolumeStore store;

    final Volume data0 = volume("data-0", disk(KAFKA, "r1", "600"));

    @BeforeEach
    void disks() throws IOException {
        workDir = tmp.resolve("agent-work");
        pathDisk = Files.createDirectories(tmp.resolve("srv/d2"));
        mountDisk = Files.createDirectories(tmp.resolve("mnt/d1"));
        pathSource = DiskSource.path(pathDisk.toString());
        mountSource = DiskSource.mount(mountDisk.toString());
        store = new VolumeStore(workDir, List.of(pathSource, mountSource));
    }

    @Test
    void createsOneFolderPerRoleAndPersistenceIdUnderTheWorkDir() throws IOException {
        Path dir = store.create(data0);

        assertThat(dir).isEqualTo(workDir.resolve("volumes/roles/db%2Fkafka/data-0")).isDirectory();
        assertThat(store.path(data0)).isEqualTo(dir);
        assertThat(store.exists(data0)).isTrue();
    }

    @Test
    void putsVolumesOfPathAndMountDisksUnderThoseDisks() throws IOException {
        Volume onPath = volume("log-0", disk(KAFKA, "r3", "100", pathSource));
        Volume onMount = volume("data-1", disk(CASSANDRA, "c1", "2000", mountSource));

        assertThat(store.create(onPath)).isEqualTo(pathDisk.resolve("volumes/roles/db%2Fkafka/log-0")).isDirectory();
        assertThat(store.create(onMount)).isEqualTo(mountDisk.resolve("volumes/roles/db%2Fcassandra/data-1")).isDirectory();
        assertThat(workDir.resolve("volumes")).doesNotExist();
    }

    @Test
    void createIsIdempotentAndKeepsTheFiles() throws IOException {
        Path dir = store.create(data0);
        Files.writeString(dir.resolve("segment-1.log"), "kept");
        assertThat(store.create(data0)).isEqualTo(dir);
        assertThat(dir.resolve("segment-1.log")).hasContent("kept");
    }

    @Test
    void findsTheVolumeAndItsFilesAgainAfterARestart() throws IOException {
        Path dir = store.create(data0);
        Files.createDirectories(dir.resolve("topic-0"));
        Files.write(dir.resolve("topic-0/00000.log"), new byte[] {1, 2, 3});
        Volume onMount = volume("data-1", disk(KAFKA, "r1", "2000", mountSource));
        store.create(onMount);

        VolumeStore restarted = VolumeStore.forAgent(workDir,
                Resources.of(Resource.scalar("disk", "10000"), disk(KAFKA, "r1", "3000", pathSource).unreserved(),
                        disk(KAFKA, "r1", "2000", mountSource).unreserved()));

        assertThat(restarted.list()).containsExactly(
                new StoredVolume(DiskSource.ROOT, Role.of("db/kafka"), PersistenceId.of("data-0"), dir),
                new StoredVolume(mountSource, Role.of("db/kafka"), PersistenceId.of("data-1"), restarted.path(onMount)));
        assertThat(restarted.list().get(0).isOf(data0)).isTrue();
        assertThat(restarted.list().get(0).isOf(onMount)).isFalse();
        assertThat(restarted.path(data0).resolve("topic-0/00000.log")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(restarted.usage(data0)).isEqualTo(3);
    }

    @Test
    void listSkipsWhatItCannotHaveMade() throws IOException {
        store.create(data0);
        Path roles = workDir.resolve("volumes/roles");
        Files.createDirectories(roles.resolve("bad%zz/data-0"));
        Files.createDirectories(roles.resolve("db%2Fkafka/.hidden"));
        Files.writeString(roles.resolve("db%2Fkafka/not-a-dir"), "x");
        Files.createDirectories(tmp.resolve("elsewhere/data-9"));
        Files.createSymbolicLink(roles.resolve("linked"), tmp.resolve("elsewhere"));
        Files.createSymbolicLink(roles.resolve("db%2Fkafka/data-8"), tmp.resolve("elsewhere/data-9"));

        assertThat(store.list()).extracting(StoredVolume::id).containsExactly(PersistenceId.of("data-0"));
    }

    @Test
    void listsNothingOnAFreshAgent() throws IOException {
        assertThat(store.list()).isEmpty();
    }

    @Test
    void measuresTheApparentSizeOfTheFilesWritten() throws IOException {
        Path dir = store.create(data0);
        assertThat(store.usage(data0)).isZero();

        Files.write(dir.resolve("a.bin"), new byte[1000]);
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.write(dir.resolve("sub/deeper/b.bin"), new byte[234]);
        assertThat(store.usage(data0)).isEqualTo(1234);

        // a hard link is the same file: counted once; a link to a file outside counts nothing
        Files.createLink(dir.resolve("sub/a-again.bin"), dir.resolve("a.bin"));
        Path outside = Files.write(tmp.resolve("huge.bin"), new byte[50_000]);
        Files.createSymbolicLink(dir.resolve("huge-link"), outside);
        Files.createSymbolicLink(dir.resolve("tmp-link"), tmp);
        assertThat(store.usage(data0)).isEqualTo(1234);
    }

    @Test
    void usageOfAMissingVolumeIsAnError() {
        assertThatThrownBy(() -> store.usage(data0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void destroyRemovesTheDirectoryAndEverythingInIt() throws IOException {
        Path dir = store.create(data0);
        Files.createDirectories(dir.resolve("a/b/c"));
        Files.writeString(dir.resolve("a/b/c/file"), "x");
        Files.writeString(dir.resolve("top"), "y");

        assertThat(store.destroy(data0)).isTrue();
        assertThat(dir).doesNotExist();
        assertThat(store.exists(data0)).isFalse();
        assertThat(store.destroy(data0)).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aVolumeFoundOnDiskIsRemovedByItsDiskRoleAndIdAlone() throws IOException {
        Path dir = store.create(data0);
        Files.writeString(dir.resolve("sstable"), "rows");
        StoredVolume found = store.list().get(0);

        assertThat(store.destroy(found.source(), found.role(), found.id())).isTrue();
        assertThat(dir).doesNotExist();
        assertThat(store.list()).isEmpty();
        assertThat(store.destroy(found.source(), found.role(), found.id())).isFalse();
    }

    @Test
    void destroyOfAVolumeNeverCreatedIsANoOp() throws IOException {
        assertThat(store.destroy(data0)).isFalse();
    }

    @Test
    void destroyRemovesLinksButNotWhatTheyPointTo() throws IOException {
        Path precious = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "do not delete", StandardCharsets.UTF_8);
        Path preciousFile = Files.writeString(tmp.resolve("keep-file.txt"), "me too");

        Path dir = store.create(data0);
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/to-dir"), precious);
        Files.createSymbolicLink(dir.resolve("to-file"), preciousFile);
        Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("nothing-here"));

        assertThat(store.destroy(data0)).isTrue();

        assertThat(dir).doesNotExist();
        assertThat(precious.resolve("keep.txt")).hasContent("do not delete");
        assertThat(preciousFile).hasContent("me too");
    }

    @Test
    void refusesToWorkThroughALinkedRoleDirectory() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside/data-0"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Path roles = Files.createDirectories(workDir.resolve("volumes/roles"));
        Files.createSymbolicLink(roles.resolve("db%2Fkafka"), tmp.resolve("outside"));

        assertThatThrownBy(() -> store.destroy(data0)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("db%2Fkafka").hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> store.create(data0)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> store.usage(data0)).isInstanceOf(FileSystemException.class);
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void destroyRemovesAVolumeDirectoryReplacedByALinkAsALink() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Path dir = store.create(data0);
        Files.delete(dir);
        Files.createSymbolicLink(dir, outside);

        assertThat(store.destroy(data0)).isTrue();
        assertThat(dir).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void refusesAMountDiskThatIsNotThere() throws IOException {
        DiskSource unmounted = DiskSource.mount(tmp.resolve("mnt/d9").toString());
        VolumeStore withUnmounted = new VolumeStore(workDir, List.of(unmounted));
        Volume v = volume("data-0", disk(KAFKA, "r1", "100", unmounted));

        assertThatThrownBy(() -> withUnmounted.create(v)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("not mounted?");
        assertThat(tmp.resolve("mnt/d9")).doesNotExist();
    }

    @Test
    void refusesADiskTheAgentDoesNotHave() {
        Volume elsewhere = volume("data-0", disk(KAFKA, "r1", "100", DiskSource.path("/srv/unknown")));
        assertThatThrownBy(() -> store.path(elsewhere)).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("disk source: '[path:/srv/unknown]' is not valid; expected a disk of this agent");
    }

    @Test
    void refusesAVolumeOnUnreservedDisk() {
        Volume unreserved = volume("data-0", Resource.scalar("disk", "100"));
        assertThatThrownBy(() -> store.create(unreserved)).isInstanceOf(InvalidResourceException.class)
                .hasMessageContaining("volume data-0 disk").hasMessageContaining("disk reserved for a role");
    }
}
