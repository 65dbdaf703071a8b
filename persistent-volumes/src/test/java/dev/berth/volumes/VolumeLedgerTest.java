package dev.berth.volumes;

import static dev.berth.volumes.Fixtures.CASSANDRA;
import static dev.berth.volumes.Fixtures.KAFKA;
import static dev.berth.volumes.Fixtures.MOUNT;
import static dev.berth.volumes.Fixtures.PATH;
import static dev.berth.volumes.Fixtures.RESERVED;
import static dev.berth.volumes.Fixtures.assertRefused;
import static dev.berth.volumes.Fixtures.disk;
import static dev.berth.volumes.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Claim;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.OperationRefusedException.Reason;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VolumeLedgerTest {
    final VolumeLedger empty = VolumeLedger.of(RESERVED);
    final Volume data0 = volume("data-0", disk(KAFKA, "r1", "600"));
    final Volume data1 = volume("data-1", disk(KAFKA, "r1", "400"));

    @Nested
    class Create {
        @Test
        void claimsReservedDiskForTheVolume() {
            VolumeLedger after = empty.create(KAFKA, List.of(data0));

            assertThat(after.volumes()).containsExactly(Map.entry(data0.id(), data0));
            assertThat(after.ledger().claimOf(Claim.volume("data-0"))).contains(Resources.of(data0.disk()));
            // still reserved, no longer free; nothing moved between reserved and unreserved
            assertThat(after.ledger().resources()).isEqualTo(RESERVED.resources());
            assertThat(after.ledger().free().filter(r -> r.key().equals(data0.disk().key())))
                    .isEqualTo(Resources.of(disk(KAFKA, "r1", "400")));
        }

        @Test
        void createsSeveralVolumesOnOneReservationUpToItsSize() {
            VolumeLedger after = empty.create(KAFKA, List.of(data0, data1));
            assertThat(after.volumes()).containsOnlyKeys(data0.id(), data1.id());
            assertThat(after.ledger().free().filter(r -> r.key().equals(data0.disk().key()))).isEqualTo(Resources.EMPTY);
        }

        @Test
        void createsOnPathAndWholeMountDisks() {
            Volume onPath = volume("log-0", disk(KAFKA, "r3", "1500", PATH));
            Volume onMount = volume("data-0", disk(KAFKA, "r1", "2000", MOUNT));
            VolumeLedger after = empty.create(KAFKA, List.of(onPath, onMount));
            assertThat(after.volumes().values()).containsExactly(onMount, onPath);
            assertThat(after.volumesOf(KAFKA.role())).containsExactly(onMount, onPath);
            assertThat(after.volumesOf(CASSANDRA.role())).isEmpty();
        }

        @Test
        void refusesUnreservedDiskAsInvalid() {
            Volume unreserved = volume("data-0", Resource.scalar("disk", "500"));
            assertRefused(() -> empty.create(KAFKA, List.of(unreserved)), Reason.INVALID,
                    "CREATE refused (INVALID): volume data-0 (rw at data, disk:500 MiB) is on unreserved disk",
                    "reserved for the caller's role db/kafka");
        }

        @Test
        void refusesDiskReservedForAnotherRole() {
            Volume cassandras = volume("data-0", disk(CASSANDRA, "c1", "100"));
            assertRefused(() -> empty.create(KAFKA, List.of(cassandras)), Reason.ROLE_MISMATCH,
                    "CREATE refused (ROLE_MISMATCH): volume data-0",
                    "is on disk reserved for role db/cassandra but the caller acts for role db/kafka");
        }

        @Test
        void refusesAPersistenceIdAlreadyOnTheAgent() {
            VolumeLedger withData0 = empty.create(KAFKA, List.of(data0));
            Volume again = volume("data-0", disk(KAFKA, "r1", "100"));
            assertRefused(() -> withData0.create(KAFKA, List.of(again)), Reason.DUPLICATE,
                    "persistence id data-0 is already used on agent agent-1 by volume data-0 (rw at data, "
                            + "disk(db/kafka,kafka-principal,{resource_id=r1}):600 MiB)");
            // unique per agent, not per role
            Volume cassandras = volume("data-0", disk(CASSANDRA, "c1", "100"));
            assertRefused(() -> withData0.create(CASSANDRA, List.of(cassandras)), Reason.DUPLICATE,
                    "persistence id data-0 is already used");
        }

        @Test
        void refusesAPersistenceIdTwiceInTheRequest() {
            Volume twin = volume("data-0", disk(KAFKA, "r1", "100"));
            assertRefused(() -> empty.create(KAFKA, List.of(data0, twin)), Reason.DUPLICATE,
                    "persistence id data-0 appears twice in the request");
        }

        @Test
        void refusesMoreDiskThanIsReserved() {
            Volume big = volume("data-0", disk(KAFKA, "r1", "1200"));
            assertRefused(() -> empty.create(KAFKA, List.of(big)), Reason.INSUFFICIENT,
                    "volume data-0 (rw at data, disk(db/kafka,kafka-principal,{resource_id=r1}):1200 MiB) needs 1200 MiB"
                            + " but reservation disk(db/kafka,kafka-principal,{resource_id=r1}) on agent agent-1"
                            + " has 1000 MiB free of 1000 MiB reserved (held by nothing)");
        }

        @Test
        void refusesMoreDiskThanIsFreeInTheReservationAndNamesWhoHoldsIt() {
            VolumeLedger withData0 = empty.create(KAFKA, List.of(data0));
            Volume tooBig = volume("data-1", disk(KAFKA, "r1", "500"));
            assertRefused(() -> withData0.create(KAFKA, List.of(tooBig)), Reason.INSUFFICIENT,
                    "volume data-1", "needs 500 MiB", "has 400 MiB free of 1000 MiB reserved",
                    "held by volume data-0 600 MiB");
        }

        @Test
        void refusesAReservationTheAgentDoesNotHave() {
            Volume otherLabels = volume("data-0", disk(KAFKA, "r9", "100"));
            assertRefused(() -> empty.create(KAFKA, List.of(otherLabels)), Reason.NOT_RESERVED,
                    "volume data-0", "needs disk reserved as disk(db/kafka,kafka-principal,{resource_id=r9})",
                    "agent agent-1 has no such reservation; disk reserved for db/kafka: "
                            + "disk(db/kafka,kafka-principal,{resource_id=r1}):1000;"
                            + "disk[mount:/mnt/d1](db/kafka,kafka-principal,{resource_id=r1}):2000;"
                            + "disk[path:/srv/d2](db/kafka,kafka-principal,{resource_id=r3}):3000");
            Volume otherDisk = volume("data-0", disk(KAFKA, "r1", "100", PATH));
            assertRefused(() -> empty.create(KAFKA, List.of(otherDisk)), Reason.NOT_RESERVED,
                    "needs disk reserved as disk[path:/srv/d2](db/kafka,kafka-principal,{resource_id=r1})");
        }

        @Test
        void refusesAMountDiskNotUsedWhole() {
            Volume part = volume("data-0", disk(KAFKA, "r1", "1500", MOUNT));
            assertRefused(() -> empty.create(KAFKA, List.of(part)), Reason.INVALID,
                    "volume data-0", "takes 1500 MiB of MOUNT disk [mount:/mnt/d1], which has 2000 MiB;"
                            + " a MOUNT disk is used whole: ask for 2000 MiB");
        }

        @Test
        void refusesASecondVolumeOnAMountDisk() {
            VolumeLedger whole = empty.create(KAFKA, List.of(volume("data-0", disk(KAFKA, "r1", "2000", MOUNT))));
            assertRefused(() -> whole.create(KAFKA, List.of(volume("data-1", disk(KAFKA, "r1", "2000", MOUNT)))),
                    Reason.INSUFFICIENT, "has 0 MiB free of 2000 MiB reserved (held by volume data-0 2000 MiB)");
        }

        @Test
        void refusesAnUnknownMountDiskAsNotReserved() {
            Volume nowhere = volume("data-0", disk(KAFKA, "r1", "10", DiskSource.mount("/mnt/none")));
            assertRefused(() -> empty.create(KAFKA, List.of(nowhere)), Reason.NOT_RESERVED, "no such reservation");
        }

        @Test
        void refusesAnEmptyRequest() {
            assertRefused(() -> empty.create(KAFKA, List.of()), Reason.INVALID, "CREATE refused (INVALID): no volumes given");
        }

        @Test
        void isAllOrNothing() {
            Volume tooBig = volume("data-1", disk(KAFKA, "r1", "500"));
            assertRefused(() -> empty.create(KAFKA, List.of(data0, tooBig)), Reason.INSUFFICIENT,
                    "volume data-1", "has 400 MiB free", "held by volume data-0 600 MiB");
            assertRefused(() -> empty.create(KAFKA, List.of(data0, volume("x", disk(CASSANDRA, "c1", "1")))),
                    Reason.ROLE_MISMATCH, "volume x");
            // the refused requests left nothing behind: the same request without the bad volume succeeds
            assertThat(empty.volumes()).isEmpty();
            assertThat(empty.ledger()).isEqualTo(RESERVED);
            assertThat(empty.create(KAFKA, List.of(data0)).volumes()).containsOnlyKeys(data0.id());
        }
    }

    @Nested
    class Destroy {
        final VolumeLedger withData0 = empty.create(KAFKA, List.of(data0));

        @Test
        void givesTheDiskBackToTheReservationNotToTheUnreservedPool() {
            VolumeLedger after = withData0.destroy(KAFKA, List.of(data0));

            assertThat(after.volumes()).isEmpty();
            assertThat(after.ledger()).isEqualTo(RESERVED);
            assertThat(after.ledger().free().filter(r -> r.key().equals(data0.disk().key())))
                    .isEqualTo(Resources.of(disk(KAFKA, "r1", "1000")));
            assertThat(after.ledger().resources().unreserved()).isEqualTo(RESERVED.resources().unreserved());
            // and can be carved again at once
            assertThat(after.create(KAFKA, List.of(data0))).isEqualTo(withData0);
        }

        @Test
        void unreserveIsRefusedWhileTheVolumeExistsAndSucceedsAfterDestroy() {
            Resources r1 = Resources.of(disk(KAFKA, "r1", "1000"));
            assertRefused(() -> withData0.ledger().unreserve(KAFKA, r1), Reason.IN_USE, "volume data-0");

            AgentLedger unreserved = withData0.destroy(KAFKA, List.of(data0)).ledger().unreserve(KAFKA, r1);
            assertThat(unreserved.reserved().filter(r -> r.key().equals(data0.disk().key()))).isEqualTo(Resources.EMPTY);
            assertThat(unreserved.resources().withoutReservations()).isEqualTo(unreserved.total());
        }

        @Test
        void refusesWhileATaskUsesTheVolumeAndNamesTheTasks() {
            VolumeLedger used = withData0.attach("node-0-server", data0.id()).attach("node-0-backup", data0.id());
            assertRefused(() -> used.destroy(KAFKA, List.of(data0)), Reason.IN_USE,
                    "DESTROY refused (IN_USE): volume data-0", "is in use by task node-0-backup, node-0-server on agent agent-1");

            VolumeLedger oneLeft = used.detach("node-0-backup");
            assertRefused(() -> oneLeft.destroy(KAFKA, List.of(data0)), Reason.IN_USE, "in use by task node-0-server on");

            assertThat(oneLeft.detach("node-0-server").destroy(KAFKA, List.of(data0)).volumes()).isEmpty();
        }

        @Test
        void refusesAnUnknownVolume() {
            Volume unknown = volume("data-9", disk(KAFKA, "r1", "600"));
            assertRefused(() -> withData0.destroy(KAFKA, List.of(unknown)), Reason.NOT_FOUND,
                    "DESTROY refused (NOT_FOUND): agent agent-1 has no volume with persistence id data-9;"
                            + " volumes of role db/kafka: data-0");
            assertRefused(() -> empty.destroy(KAFKA, List.of(unknown)), Reason.NOT_FOUND, "volumes of role db/kafka: none");
        }

        @Test
        void refusesAVolumeThatDiffersFromTheOneCreated() {
            Volume resized = volume("data-0", disk(KAFKA, "r1", "100"));
            assertRefused(() -> withData0.destroy(KAFKA, List.of(resized)), Reason.NOT_FOUND,
                    "agent agent-1 has volume data-0 (rw at data, disk(db/kafka,kafka-principal,{resource_id=r1}):600 MiB),"
                            + " not volume data-0 (rw at data, disk(db/kafka,kafka-principal,{resource_id=r1}):100 MiB)");
        }

        @Test
        void refusesAnotherRolesVolume() {
            assertRefused(() -> withData0.destroy(CASSANDRA, List.of(data0)), Reason.ROLE_MISMATCH,
                    "volume data-0", "belongs to role db/kafka but the caller acts for role db/cassandra");
        }

        @Test
        void refusesAnEmptyRequestOrAVolumeTwice() {
            assertRefused(() -> withData0.destroy(KAFKA, List.of()), Reason.INVALID, "no volumes given");
            assertRefused(() -> withData0.destroy(KAFKA, List.of(data0, data0)), Reason.DUPLICATE,
                    "persistence id data-0 appears twice in the request");
        }

        @Test
        void isAllOrNothing() {
            VolumeLedger two = empty.create(KAFKA, List.of(data0, data1)).attach("node-1-server", data1.id());
            assertRefused(() -> two.destroy(KAFKA, List.of(data0, data1)), Reason.IN_USE, "volume data-1");
            assertThat(two.volumes()).containsOnlyKeys(data0.id(), data1.id());
            assertThat(two.destroy(KAFKA, List.of(data0)).volumes()).containsOnlyKeys(data1.id());
        }
    }

    @Nested
    class AttachAndDetach {
        final VolumeLedger withData0 = empty.create(KAFKA, List.of(data0));

        @Test
        void recordsWhichTasksUseAVolume() {
            VolumeLedger used = withData0.attach("node-0-server", data0.id()).attach("node-0-server", data0.id());
            assertThat(used.usersOf(data0.id())).containsExactly("node-0-server");
            assertThat(used.detach("node-0-server").usersOf(data0.id())).isEmpty();
            assertThat(used.detach("node-0-server")).isEqualTo(withData0);
            assertThat(withData0.detach("never-attached")).isSameAs(withData0);
        }

        @Test
        void refusesAnUnknownVolume() {
            assertRefused(() -> withData0.attach("node-0-server", PersistenceId.of("data-9")), Reason.NOT_FOUND,
                    "LAUNCH refused (NOT_FOUND): task node-0-server uses volume data-9 but agent agent-1 has no volume"
                            + " with that persistence id; it has data-0");
            assertRefused(() -> withData0.attach(" ", data0.id()), Reason.INVALID, "a task id is needed to use volume data-0");
        }
    }

    @Nested
    class Invariants {
        final VolumeLedger withData0 = empty.create(KAFKA, List.of(data0));

        @Test
        void aTaskClaimOrReservationGoesThroughWithLedger() {
            VolumeLedger launched = withData0.withLedger(
                    withData0.ledger().claim(Claim.task("node-0-server"), Resources.parse("cpus:1;mem:1024")));
            assertThat(launched.ledger().claimOf(Claim.task("node-0-server"))).isPresent();
            assertThat(launched.volumes()).isEqualTo(withData0.volumes());
        }

        @Test
        void aLedgerThatLostAVolumeClaimIsRejected() {
            AgentLedger released = withData0.ledger().release(Claim.volume("data-0"));
            assertThatThrownBy(() -> withData0.withLedger(released))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("volume data-0").hasMessageContaining("has no matching claim");
        }

        @Test
        void aVolumeClaimWithoutAVolumeIsRejected() {
            AgentLedger stray = RESERVED.claim(Claim.volume("ghost"), Resources.of(disk(KAFKA, "r1", "1")));
            assertThatThrownBy(() -> VolumeLedger.of(stray))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("claim for volume ghost but there is no such volume");
        }

        @Test
        void usersOfAMissingVolumeAreRejected() {
            TreeMap<PersistenceId, java.util.SortedSet<String>> users = new TreeMap<>();
            users.put(PersistenceId.of("data-9"), new TreeSet<>(List.of("t")));
            assertThatThrownBy(() -> new VolumeLedger(RESERVED, new TreeMap<>(), users))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use volume data-9, which does not exist");
        }

        @Test
        void isAValueUnaffectedByLaterChangesToItsInputs() {
            TreeMap<PersistenceId, Volume> volumes = new TreeMap<>(withData0.volumes());
            VolumeLedger copy = new VolumeLedger(withData0.ledger(), volumes, new TreeMap<>());
            volumes.clear();
            assertThat(copy).isEqualTo(withData0);
            assertThatThrownBy(() -> copy.volumes().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
