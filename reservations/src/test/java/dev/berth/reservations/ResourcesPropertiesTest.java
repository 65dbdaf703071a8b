package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The algebra of {@link Resources}: exact, never negative, order-independent. */
class ResourcesPropertiesTest {
    static final List<Reservation> RESERVATIONS = List.of(
            Reservation.of(Role.of("db/cassandra"), Principal.of("c"), "r1"),
            Reservation.of(Role.of("db/cassandra"), Principal.of("c"), "r2"),
            Reservation.of(Role.of("db/kafka"), Principal.of("k"), "k1"));

    @Provide
    static Arbitrary<Resources> resources() {
        Arbitrary<Resource> scalar = Combinators.combine(
                        Arbitraries.of("cpus", "mem", "disk", "gpus"),
                        Arbitraries.longs().between(0, 50_000_000))
                .as((name, thousandths) -> Resource.scalar(name, new Scalar(thousandths)));
        Arbitrary<Resource> ports = Arbitraries.longs().between(1, 5000)
                .flatMap(b -> Arbitraries.longs().between(b, b + 20).map(e -> Resource.ports(Ranges.of(new Range(b, e)))));
        Arbitrary<Resource> any = Arbitraries.oneOf(scalar, ports);
        Arbitrary<Resource> maybeReserved = Combinators.combine(any, Arbitraries.integers().between(-1, 2))
                .as((r, i) -> i < 0 ? r : r.reservedFor(RESERVATIONS.get(i)));
        return maybeReserved.list().ofMaxSize(8).map(Resources::of);
    }

    /**
     * Ports are a set, not a count: adding a port that is already there changes nothing, so the law
     * holds for bags that share no port, which is the only way two holders can add up in a ledger.
     */
    @Property
    void addThenSubtractGivesBackTheStart(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
        Assume.that(sharesNoPort(a, b));
        assertThat(a.plus(b).minus(b)).isEqualTo(a);
    }

    private static boolean sharesNoPort(Resources a, Resources b) {
        Ranges pa = a.ranges("ports");
        Ranges pb = b.ranges("ports");
        return pa.plus(pb).count() == pa.count() + pb.count();
    }

    @Property
    void additionIsCommutative(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property
    void aSumContainsItsParts(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
        assertThat(a.plus(b).contains(a)).isTrue();
        assertThat(a.plus(b).contains(b)).isTrue();
    }

    @Property
    void subtractionNeverGoesNegative(@ForAll("resources") Resources a, @ForAll("resources") Resources b) {
        if (a.contains(b)) {
            Resources left = a.minus(b);
            assertThat(left.plus(b)).isEqualTo(a);
        } else {
            assertThatThrownBy(() -> a.minus(b)).isInstanceOf(InsufficientResourcesException.class);
        }
    }

    @Property
    void textFormRoundTripsForUnreservedResources(@ForAll("resources") Resources a) {
        Resources unreserved = a.withoutReservations();
        if (!unreserved.isEmpty()) {
            assertThat(Resources.parse(unreserved.toString())).isEqualTo(unreserved);
        }
    }

    @Property
    void droppingReservationsKeepsTheTotals(@ForAll("resources") Resources a) {
        for (String name : List.of("cpus", "mem", "disk", "gpus")) {
            assertThat(a.withoutReservations().scalar(name)).isEqualTo(a.scalar(name));
        }
        assertThat(a.withoutReservations().ranges("ports").count()).isLessThanOrEqualTo(a.ranges("ports").count());
    }
}
