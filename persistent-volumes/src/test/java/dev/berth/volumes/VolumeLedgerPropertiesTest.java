package dev.berth.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Caller;
import dev.berth.reservations.Claim;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.OperationRefusedException;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of RESERVE, UNRESERVE, CREATE, DESTROY, attach and detach on one agent with a
 * ROOT and a MOUNT disk. Whatever is applied or refused: reserved plus unreserved is the agent's
 * total, every volume has exactly its claim, a refusal changes nothing, and destroying every volume
 * leaves every reservation as it was.
 */
class VolumeLedgerPropertiesTest {
    static final Resources TOTAL = Resources.parse("cpus:4;disk:5000;disk[mount:/mnt/d1]:1000");
    static final List<Caller> CALLERS = List.of(Fixtures.KAFKA, Fixtures.CASSANDRA);
    static final List<DiskSource> SOURCES = List.of(DiskSource.ROOT, DiskSource.mount("/mnt/d1"));

    sealed interface Step permits Reserve, Unreserve, Create, Destroy, Attach, Detach {}

    record Reserve(int caller, String resourceId, int source, long mib) implements Step {}

    record Unreserve(int caller, String resourceId, int source) implements Step {}

    /** {@code wrongRole}: the caller is the other framework, to provoke ROLE_MISMATCH. */
    record Create(int owner, boolean wrongRole, List<String> ids, String resourceId, int source, long mib)
            implements Step {}

    /** {@code wrongRole}: the other framework asks. */
    record Destroy(String id, boolean wrongRole) implements Step {}

    record Attach(String task, String id) implements Step {}

    record Detach(String task) implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> caller = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> source = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1));
        Arbitrary<String> resourceId = Arbitraries.frequency(Tuple.of(4, "r1"), Tuple.of(1, "r2"));
        Arbitrary<Boolean> wrongRole = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
        Arbitrary<String> id = Arbitraries.of("v1", "v2", "v3", "v4");
        Arbitrary<String> task = Arbitraries.of("t1", "t2");
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(caller, resourceId, source, Arbitraries.longs().between(200, 3000))
                        .as(Reserve::new)),
                Tuple.of(1, Combinators.combine(caller, resourceId, source).as(Unreserve::new)),
                Tuple.of(5, Combinators.combine(caller, wrongRole, id.list().ofMinSize(1).ofMaxSize(3), resourceId,
                        source, Arbitraries.longs().between(1, 500)).as(Create::new)),
                Tuple.of(3, Combinators.combine(id, wrongRole).as(Destroy::new)),
                Tuple.of(3, Combinators.combine(task, id).as(Attach::new)),
                Tuple.of(1, task.map(Detach::new)));
        return step.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 400)
    void theLedgerStaysConsistentWhateverIsAppliedOrRefused(@ForAll("steps") List<Step> steps) {
        VolumeLedger state = VolumeLedger.of(AgentLedger.of("a1", TOTAL));
        for (Step step : steps) {
            VolumeLedger before = state;
            String outcome = "applied";
            try {
                state = apply(state, step);
            } catch (OperationRefusedException refused) {
                outcome = refused.reason().name();
                assertThat(state).isSameAs(before);
            }
            Statistics.collect(step.getClass().getSimpleName(), outcome);
            assertConsistent(state);
        }
        // the sequences must reach the interesting cases, not only refusals
        Statistics.coverage(coverage -> {
            coverage.check("Create", "applied").count(n -> n > 0);
            coverage.check("Create", "INSUFFICIENT").count(n -> n > 0);
            coverage.check("Create", "DUPLICATE").count(n -> n > 0);
            coverage.check("Create", "ROLE_MISMATCH").count(n -> n > 0);
            coverage.check("Create", "INVALID").count(n -> n > 0); // partial MOUNT
            coverage.check("Destroy", "applied").count(n -> n > 0);
            coverage.check("Destroy", "IN_USE").count(n -> n > 0);
            coverage.check("Unreserve", "IN_USE").count(n -> n > 0);
            coverage.check("Attach", "applied").count(n -> n > 0);
        });
    }

    @Property(tries = 200)
    void destroyingEveryVolumeLeavesEveryReservationAsItWas(@ForAll("steps") List<Step> steps) {
        VolumeLedger state = VolumeLedger.of(AgentLedger.of("a1", TOTAL));
        for (Step step : steps) {
            try {
                state = apply(state, step);
            } catch (OperationRefusedException ignored) {
                // the next step goes on from the unchanged ledger
            }
        }
        for (String task : Set.of("t1", "t2")) {
            state = state.detach(task);
        }
        VolumeLedger cleared = state;
        for (Caller caller : CALLERS) {
            List<Volume> own = cleared.volumesOf(caller.role());
            if (!own.isEmpty()) {
                cleared = cleared.destroy(caller, own);
            }
        }
        assertThat(cleared.volumes()).isEmpty();
        assertThat(cleared.ledger().resources()).isEqualTo(state.ledger().resources());
        assertThat(cleared.ledger().free()).isEqualTo(cleared.ledger().resources());
        assertConsistent(cleared);
    }

    private static void assertConsistent(VolumeLedger state) {
        AgentLedger ledger = state.ledger();
        assertThat(ledger.resources().withoutReservations()).isEqualTo(ledger.total());
        Set<String> volumeClaims = ledger.claims().keySet().stream()
                .filter(c -> c.kind() == Claim.Kind.VOLUME).map(Claim::id).collect(Collectors.toSet());
        assertThat(volumeClaims).isEqualTo(state.volumes().keySet().stream().map(PersistenceId::value).collect(Collectors.toSet()));
        state.volumes().values().forEach(v -> {
            assertThat(ledger.claimOf(Claim.volume(v.id().value()))).contains(v.resources());
            assertThat(v.disk().isReserved()).isTrue();
            if (v.source().kind() == DiskSource.Kind.MOUNT) {
                assertThat(v.size()).isEqualTo(TOTAL.filter(r -> r.source().equals(v.source())).scalar(Resource.DISK));
            }
        });
        Resources held = ledger.claims().values().stream().reduce(Resources.EMPTY, Resources::plus);
        assertThat(ledger.resources().contains(held)).isTrue();
        assertThat(state.volumes().keySet()).containsAll(state.users().keySet());
    }

    private static VolumeLedger apply(VolumeLedger state, Step step) {
        if (step instanceof Reserve r) {
            Caller c = CALLERS.get(r.caller());
            long mib = r.source() == 1 && r.mib() % 2 == 0 ? 1000 : r.mib(); // often the whole MOUNT disk
            return state.withLedger(state.ledger().reserve(c, Resources.of(disk(c, r.resourceId(), r.source(), mib))));
        }
        if (step instanceof Unreserve u) {
            Caller c = CALLERS.get(u.caller());
            Resources reserved = state.ledger().reserved().reservedFor(c.role()).withResourceId(u.resourceId())
                    .filter(res -> res.source().equals(SOURCES.get(u.source())));
            return state.withLedger(state.ledger().unreserve(c, reserved));
        }
        if (step instanceof Create cr) {
            Caller owner = CALLERS.get(cr.owner());
            Caller asker = CALLERS.get(cr.wrongRole() ? 1 - cr.owner() : cr.owner());
            long mib = cr.source() == 1 && cr.mib() % 2 == 0 ? 1000 : cr.mib() / cr.ids().size() + 1;
            List<Volume> volumes = cr.ids().stream()
                    .map(id -> Fixtures.volume(id, disk(owner, cr.resourceId(), cr.source(), mib)))
                    .toList();
            return state.create(asker, volumes);
        }
        if (step instanceof Destroy d) {
            Volume v = state.volume(PersistenceId.of(d.id()))
                    .orElse(Fixtures.volume(d.id(), disk(CALLERS.get(0), "r1", 0, 1)));
            int owner = CALLERS.indexOf(CALLERS.stream().filter(c -> v.role().orElseThrow().equals(c.role()))
                    .findFirst().orElseThrow());
            return state.destroy(CALLERS.get(d.wrongRole() ? 1 - owner : owner), List.of(v));
        }
        if (step instanceof Attach a) {
            return state.attach(a.task(), PersistenceId.of(a.id()));
        }
        return state.detach(((Detach) step).task());
    }

    private static Resource disk(Caller c, String resourceId, int source, long mib) {
        return Fixtures.disk(c, resourceId, Long.toString(mib), SOURCES.get(source));
    }
}
