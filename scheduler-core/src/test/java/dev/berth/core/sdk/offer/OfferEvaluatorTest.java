package dev.berth.core.sdk.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.master.OperationApplier;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.VolumeSpec;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import dev.berth.volumes.VolumeLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offer evaluation for the relaunch of an instance whose task's cpus or mem changed: the difference
 * is reserved or unreserved under the task's own resource id, in the same accept as the LAUNCH, and
 * the master's {@link OperationApplier} accepts it against a real ledger.
 */
class OfferEvaluatorTest {
    static final Role ROLE = Role.of("hello");
    static final Principal PRINCIPAL = Principal.of("hello");
    static final FrameworkInfo FRAMEWORK = new FrameworkInfo(Optional.of("fw-hello"), "hello", ROLE, PRINCIPAL, Duration.ofDays(1));
    static final String AGENT = "agent-0-id";

    final OfferEvaluator evaluator = new OfferEvaluator(ROLE, PRINCIPAL, (t, ctx) -> t);
    VolumeLedger ledger;
    PodInstanceRecord home;
    TaskInfo firstTask;

    static ServiceSpec hello(double cpus, long mem) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", cpus, mem,
                List.of(new PortSpec("http", 0, null, "hello")), List.of(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
        PodSpec pod = new PodSpec("hello", 1, List.of(new PlacementRule.UniqueAgent()),
                List.of(new VolumeSpec("data", 100, "ROOT")), List.of(server), Optional.empty());
        return new ServiceSpec("hello", ROLE.name(), PRINCIPAL.name(), List.of(pod), List.of());
    }

    static LaunchRequest request(ServiceSpec spec, Optional<PodInstanceRecord> home) {
        ServiceTarget target = new ServiceTarget("config-1", "test", "1", Map.of(), Map.of(), spec,
                Instant.parse("2026-11-24T00:00:00Z"));
        PodSpec pod = spec.pods().get(0);
        return new LaunchRequest(target, pod, 0, pod.tasks(), home, null, Map.of(), Map.of(), Optional.empty(),
                Optional.empty());
    }

    Offer offer() {
        Resources free = ledger.ledger().free().filter(r -> r.reservation().map(x -> x.role().equals(ROLE)).orElse(true));
        return new Offer("offer-" + System.nanoTime(), "fw-hello", AGENT, "agent-0", "127.0.0.2", Map.of("zone", "a"),
                free, ledger.volumesOf(ROLE));
    }

    /** Applies the accept as a master would; the task then ends, so its reservation is free for a relaunch. */
    void applyAndEnd(Evaluation.Accept a) {
        ledger = OperationApplier.apply(FRAMEWORK, AGENT, a.offer().resources(), ledger, a.operations()).ledger();
        for (TaskInfo t : a.launched()) {
            ledger = ledger.withLedger(ledger.ledger().release(Claim.task(t.taskId()))).detach(t.taskId());
        }
    }

    @BeforeEach
    void firstLaunch() {
        ledger = VolumeLedger.of(AgentLedger.of(AGENT, Resources.parse("cpus:2;mem:2048;disk:4096;ports:[31000-31010]")));
        Evaluation e = evaluator.evaluate(request(hello(0.5, 256), Optional.empty()), List.of(offer()));
        assertThat(e).isInstanceOf(Evaluation.Accept.class);
        Evaluation.Accept a = (Evaluation.Accept) e;
        assertThat(a.operations()).extracting(Operation::type).containsExactly("RESERVE", "CREATE", "LAUNCH");
        home = a.instance();
        firstTask = a.launched().get(0);
        applyAndEnd(a);
    }

    Reservation serverReservation() {
        return home.taskResources().get("server").list().get(0).reservation().orElseThrow();
    }

    static Scalar scalar(Resources r, String name) {
        return r.scalar(name);
    }

    static Set<Optional<String>> resourceIds(Resources r) {
        return r.list().stream().map(x -> x.reservation().orElseThrow().labels().resourceId()).collect(Collectors.toSet());
    }

    @Test
    void aRelaunchWithTheSameResourcesIsALaunchAloneOnTheSameReservation() {
        Evaluation e = evaluator.evaluate(request(hello(0.5, 256), Optional.of(home)), List.of(offer()));
        Evaluation.Accept a = (Evaluation.Accept) e;
        assertThat(a.operations()).extracting(Operation::type).containsExactly("LAUNCH");
        assertThat(a.launched().get(0).resources()).isEqualTo(firstTask.resources());
        applyAndEnd(a);
    }

    @Test
    void moreCpusReservesTheDifferenceUnderTheSameResourceId() {
        Resources unreservedBefore = ledger.ledger().free().unreserved();
        Evaluation e = evaluator.evaluate(request(hello(0.75, 256), Optional.of(home)), List.of(offer()));
        assertThat(e).isInstanceOf(Evaluation.Accept.class);
        Evaluation.Accept a = (Evaluation.Accept) e;
        assertThat(a.operations()).extracting(Operation::type).containsExactly("RESERVE", "LAUNCH");

        Resources reserved = ((Operation.Reserve) a.operations().get(0)).resources();
        assertThat(reserved).isEqualTo(Resources.of(Resource.scalar(Resource.CPUS, "0.25").reservedFor(serverReservation())));
        assertThat(resourceIds(reserved)).containsExactly(serverReservation().labels().resourceId());

        TaskInfo task = a.launched().get(0);
        assertThat(scalar(task.resources(), Resource.CPUS)).isEqualTo(Scalar.parse("cpus", "0.75"));
        assertThat(scalar(task.resources(), Resource.MEM)).isEqualTo(Scalar.of(256));
        assertThat(task.resources().ranges(Resource.PORTS)).isEqualTo(firstTask.resources().ranges(Resource.PORTS));
        assertThat(resourceIds(task.resources())).containsExactly(serverReservation().labels().resourceId());
        assertThat(task.volumes()).isEqualTo(firstTask.volumes());
        assertThat(a.instance().taskResources().get("server")).isEqualTo(task.resources());

        applyAndEnd(a); // the master takes it: the grown reservation is one reservation, under one id
        assertThat(ledger.ledger().reserved().filter(r -> r.name().equals(Resource.CPUS)))
                .isEqualTo(Resources.of(Resource.scalar(Resource.CPUS, "0.75").reservedFor(serverReservation())));
        assertThat(scalar(ledger.ledger().free().unreserved(), Resource.CPUS))
                .isEqualTo(scalar(unreservedBefore, Resource.CPUS).minus(Scalar.parse("cpus", "0.25")));
    }

    @Test
    void fewerCpusUnreservesTheDifference() {
        Resources unreservedBefore = ledger.ledger().free().unreserved();
        Evaluation e = evaluator.evaluate(request(hello(0.25, 256), Optional.of(home)), List.of(offer()));
        Evaluation.Accept a = (Evaluation.Accept) e;
        assertThat(a.operations()).extracting(Operation::type).containsExactly("UNRESERVE", "LAUNCH");
        Resources given = ((Operation.Unreserve) a.operations().get(0)).resources();
        assertThat(given).isEqualTo(Resources.of(Resource.scalar(Resource.CPUS, "0.25").reservedFor(serverReservation())));

        TaskInfo task = a.launched().get(0);
        assertThat(scalar(task.resources(), Resource.CPUS)).isEqualTo(Scalar.parse("cpus", "0.25"));
        assertThat(resourceIds(task.resources())).containsExactly(serverReservation().labels().resourceId());

        applyAndEnd(a);
        assertThat(ledger.ledger().reserved().filter(r -> r.name().equals(Resource.CPUS)))
                .isEqualTo(Resources.of(Resource.scalar(Resource.CPUS, "0.25").reservedFor(serverReservation())));
        assertThat(scalar(ledger.ledger().free().unreserved(), Resource.CPUS))
                .isEqualTo(scalar(unreservedBefore, Resource.CPUS).plus(Scalar.parse("cpus", "0.25")));
    }

    @Test
    void moreCpusAndLessMemReservesOneAndUnreservesTheOtherInOneAccept() {
        Evaluation e = evaluator.evaluate(request(hello(1.0, 128), Optional.of(home)), List.of(offer()));
        Evaluation.Accept a = (Evaluation.Accept) e;
        assertThat(a.operations()).extracting(Operation::type).containsExactly("RESERVE", "UNRESERVE", "LAUNCH");
        assertThat(((Operation.Reserve) a.operations().get(0)).resources())
                .isEqualTo(Resources.of(Resource.scalar(Resource.CPUS, "0.5").reservedFor(serverReservation())));
        assertThat(((Operation.Unreserve) a.operations().get(1)).resources())
                .isEqualTo(Resources.of(Resource.scalar(Resource.MEM, "128").reservedFor(serverReservation())));
        applyAndEnd(a);
        assertThat(ledger.ledger().reserved().filter(r -> !r.name().equals(Resource.DISK)))
                .isEqualTo(a.instance().taskResources().get("server"));
    }

    @Test
    void tooLittleUnreservedLeftToGrowIsANoFitSayingWhatIsShortAndByHowMuch() {
        // another framework's task holds all but 0.1 of the agent's unreserved cpus
        Scalar freeCpus = scalar(ledger.ledger().free().unreserved(), Resource.CPUS);
        ledger = ledger.withLedger(ledger.ledger().claim(Claim.task("other-task"),
                Resources.of(Resource.scalar(Resource.CPUS, freeCpus.minus(Scalar.parse("cpus", "0.1"))))));

        Evaluation e = evaluator.evaluate(request(hello(0.75, 256), Optional.of(home)), List.of(offer()));
        assertThat(e).isInstanceOf(Evaluation.NoFit.class);
        assertThat(((Evaluation.NoFit) e).why())
                .isEqualTo("agent-0 (127.0.0.2): growing hello-0 needs more: cpus short by 0.15 (needs 0.25, has 0.1)");

        // shrinking needs nothing more and still fits
        assertThat(evaluator.evaluate(request(hello(0.25, 256), Optional.of(home)), List.of(offer())))
                .isInstanceOf(Evaluation.Accept.class);
    }

    @Test
    void aRelaunchWaitsForAnOfferFromItsOwnAgent() {
        Offer elsewhere = new Offer("o-1", "fw-hello", "agent-1-id", "agent-1", "127.0.0.3", Map.of(),
                Resources.parse("cpus:2;mem:2048;disk:4096;ports:[31000-31010]"), List.of());
        Evaluation e = evaluator.evaluate(request(hello(0.75, 256), Optional.of(home)), List.of(elsewhere));
        assertThat(e).isInstanceOf(Evaluation.NoFit.class);
        assertThat(((Evaluation.NoFit) e).why()).contains("waiting for an offer from agent agent-0 (agent-0-id)");
    }
}
