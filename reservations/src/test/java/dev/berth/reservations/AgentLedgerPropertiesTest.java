package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of RESERVE, UNRESERVE, claim and release against one agent: whatever succeeds or
 * is refused, reserved + unreserved always equals the agent's total, claims never exceed what there
 * is, and a refused operation leaves the ledger exactly as it was.
 */
class AgentLedgerPropertiesTest {
    static final Resources TOTAL = Resources.parse("cpus:8;mem:16384;disk:200000;ports:[31000-31099]");
    static final List<Caller> CALLERS = List.of(Caller.of("c", "db/cassandra"), Caller.of("k", "db/kafka"));

    sealed interface Step permits Reserve, Unreserve, Take, Release {}

    record Reserve(int caller, String id, Resources amount) implements Step {}

    record Unreserve(int caller, String id) implements Step {}

    record Take(String claim, int caller, String id, Resources amount) implements Step {}

    record Release(String claim) implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Resources> amount = Combinators.combine(
                        Arbitraries.longs().between(0, 5000),
                        Arbitraries.longs().between(0, 6000),
                        Arbitraries.longs().between(0, 90000),
                        Arbitraries.integers().between(31000, 31120))
                .as((cpus, mem, disk, port) -> Resources.of(
                        Resource.scalar("cpus", new Scalar(cpus)),
                        Resource.scalar("mem", Scalar.of(mem)),
                        Resource.scalar("disk", Scalar.of(disk)),
                        Resource.ports(Ranges.of(Range.single(port)))));
        Arbitrary<Integer> caller = Arbitraries.integers().between(0, 1);
        Arbitrary<String> id = Arbitraries.of("r1", "r2", "r3");
        Arbitrary<String> claim = Arbitraries.of("t1", "t2", "t3");
        Arbitrary<Step> step = Arbitraries.oneOf(
                Combinators.combine(caller, id, amount).as(Reserve::new),
                Combinators.combine(caller, id).as(Unreserve::new),
                Combinators.combine(claim, caller, id, amount).as(Take::new),
                claim.map(Release::new));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void reservedPlusUnreservedIsAlwaysTheTotal(@ForAll("steps") List<Step> steps) {
        AgentLedger ledger = AgentLedger.of("a1", TOTAL);
        for (Step step : steps) {
            AgentLedger before = ledger;
            try {
                ledger = apply(ledger, step);
            } catch (OperationRefusedException refused) {
                assertThat(ledger).isSameAs(before);
            }
            assertThat(ledger.resources().withoutReservations()).isEqualTo(TOTAL);
            Resources held = ledger.claims().values().stream().reduce(Resources.EMPTY, Resources::plus);
            assertThat(ledger.resources().contains(held)).isTrue();
        }
    }

    @Property(tries = 300)
    void reserveThenUnreserveRestoresTheLedger(@ForAll("steps") List<Step> steps) {
        AgentLedger ledger = AgentLedger.of("a1", TOTAL);
        for (Step step : steps) {
            try {
                ledger = apply(ledger, step);
            } catch (OperationRefusedException ignored) {
                // refused steps leave the ledger as it was; the next step goes on from there
            }
            if (step instanceof Reserve r) {
                Caller c = CALLERS.get(r.caller());
                Resources asked = reservation(c, "fresh", r.amount());
                if (ledger.free().unreserved().contains(asked.withoutReservations()) && !asked.isEmpty()) {
                    assertThat(ledger.reserve(c, asked).unreserve(c, asked)).isEqualTo(ledger);
                }
            }
        }
    }

    private static AgentLedger apply(AgentLedger ledger, Step step) {
        if (step instanceof Reserve r) {
            Caller c = CALLERS.get(r.caller());
            return ledger.reserve(c, reservation(c, r.id(), r.amount()));
        }
        if (step instanceof Unreserve u) {
            Caller c = CALLERS.get(u.caller());
            return ledger.unreserve(c, ledger.reserved().reservedFor(c.role()).withResourceId(u.id()));
        }
        if (step instanceof Take t) {
            return ledger.claim(Claim.task(t.claim()), reservation(CALLERS.get(t.caller()), t.id(), t.amount()));
        }
        return ledger.release(Claim.task(((Release) step).claim()));
    }

    private static Resources reservation(Caller c, String id, Resources amount) {
        return amount.reservedAs(Reservation.of(c.role(), c.principal(), id));
    }
}
