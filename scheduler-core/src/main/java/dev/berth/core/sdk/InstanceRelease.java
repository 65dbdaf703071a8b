package dev.berth.core.sdk;

import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives back what pod instances hold: DESTROY of their volumes and UNRESERVE of their reservations, in
 * one accept of their agent's offer once their tasks have stopped. For an instance an uninstall or a
 * decommission takes out (a decommission first lets the package take it out of the database), and for
 * the former homes a replaced instance left behind, as soon as their agent offers them again. Confined
 * to the service loop.
 */
final class InstanceRelease {
    private static final Logger LOG = Logger.getLogger(InstanceRelease.class);

    private final ServiceState state;
    private final MasterLink master;
    private final HookVerdicts verdicts;
    private final ServiceLoop loop;
    private final Clock clock;
    private final Duration declineFor;
    /** Called when a release changed what the plans should show (the scheduler refreshes its steps). */
    private final Runnable released;

    InstanceRelease(ServiceState state, MasterLink master, HookVerdicts verdicts, ServiceLoop loop, Clock clock,
                    Duration declineFor, Runnable released) {
        this.state = state;
        this.master = master;
        this.verdicts = verdicts;
        this.loop = loop;
        this.clock = clock;
        this.declineFor = declineFor;
        this.released = released;
    }

    /**
     * Moves a step of an uninstall or decommission plan on: stops the instance's tasks, then destroys its
     * volumes and unreserves its resources with the offer of its agent, then marks the step COMPLETE.
     */
    void release(String plan, Step step, List<Offer> pool) {
        String instance = step.podInstance();
        Optional<PodInstanceRecord> p = state.pod(instance);
        List<TaskRecord> running = state.tasks().stream().filter(t -> t.podInstance().equals(instance) && !t.ended()).toList();
        if (plan.equals(PlanFactory.DECOMMISSION) && !running.isEmpty()) {
            // the database first hands the instance's data to the others (Cassandra's decommission)
            if (verdicts.decommission(instance, state::hookContext) instanceof Verdict.Wait leaving) {
                state.updateStep(plan, step, s -> s.with(Status.STARTED, "decommissioning " + instance + ": "
                        + leaving.reason(), clock.instant()));
                return;
            }
        }
        running.forEach(t -> master.kill(t, "to take " + instance + " out (" + plan + ")"));
        boolean oldHomes = p.isPresent() && !p.get().released().isEmpty();
        if (oldHomes) {
            state.updateStep(plan, step, s -> s.withMessage("waiting for the old homes of " + instance + " to be released"));
        }
        if (p.isEmpty() || !p.get().hasHome()) {
            if (!oldHomes) {
                markReleased(plan, instance);
            }
            return;
        }
        PodInstanceRecord home = p.get();
        if (!running.isEmpty()) {
            state.updateStep(plan, step, s -> s.withMessage("waiting for the tasks of " + instance + " to stop"));
            return;
        }
        Optional<Offer> offer = pool.stream().filter(x -> x.agentId().equals(home.agentId())).findFirst();
        if (offer.isEmpty()) {
            state.updateStep(plan, step, s -> s.withMessage("waiting for an offer from " + home.hostname() + " to release "
                    + instance));
            return;
        }
        if (!offer.get().resources().contains(home.taskResources().values().stream().reduce(Resources.EMPTY, Resources::plus))) {
            state.updateStep(plan, step, s -> s.withMessage("waiting for the reservations of " + instance + " to be offered"));
            return;
        }
        List<Operation> ops = new ArrayList<>();
        if (!home.volumes().isEmpty()) {
            ops.add(new Operation.Destroy(home.volumes()));
        }
        ops.add(new Operation.Unreserve(home.allReserved()));
        pool.remove(offer.get());
        state.updateStep(plan, step, s -> s.with(Status.PREPARED, "destroying volumes and unreserving", clock.instant()));
        master.accept(offer.get().id(), ops, declineFor).whenComplete((ok, err) -> loop.execute(() -> {
            if (err == null) {
                PodInstanceRecord now = state.pod(instance).orElseThrow();
                state.savePod(now.withoutHome(Optional.empty(), now.released()));
                if (now.released().isEmpty()) {
                    markReleased(plan, instance);
                }
            } else {
                state.updateStep(plan, step, s -> s.with(Status.PENDING, "release refused: " + err.getMessage(), clock.instant()));
            }
        }));
    }

    /** DESTROY and UNRESERVE what replaced instances left behind, as their agents offer it. */
    void releaseOldHomes(List<Offer> pool) {
        for (PodInstanceRecord p : List.copyOf(state.pods())) {
            for (PodInstanceRecord.Released r : p.released()) {
                Optional<Offer> o = pool.stream().filter(x -> x.agentId().equals(r.agentId())).findFirst();
                // volumes' disk is held by the volumes; the offer carries the volumes themselves
                Resources volumeDisk = r.volumes().stream().map(Volume::resources).reduce(Resources.EMPTY, Resources::plus);
                if (o.isEmpty() || !o.get().resources().contains(r.reserved().minus(volumeDisk))) {
                    continue;
                }
                List<Operation> ops = new ArrayList<>();
                List<Volume> vols = r.volumes().stream().filter(v -> o.get().volumes().stream()
                        .anyMatch(x -> x.id().equals(v.id()))).toList();
                if (!vols.isEmpty()) {
                    ops.add(new Operation.Destroy(vols));
                }
                ops.add(new Operation.Unreserve(r.reserved()));
                pool.remove(o.get());
                master.accept(o.get().id(), ops, declineFor).whenComplete((ok, err) -> loop.execute(() -> {
                    if (err == null) {
                        oldHomeReleased(p.name(), r);
                    }
                }));
            }
        }
    }

    private void oldHomeReleased(String instance, PodInstanceRecord.Released r) {
        state.pod(instance).ifPresent(now -> {
            List<PodInstanceRecord.Released> left = new ArrayList<>(now.released());
            left.remove(r);
            state.savePod(now.withReleased(left));
            if (state.plan(PlanFactory.UNINSTALL).isPresent() && !now.hasHome() && left.isEmpty()) {
                markReleased(PlanFactory.UNINSTALL, now.name());
            }
        });
        LOG.infof("service %s: released the old home of %s on agent %s", state.name(), instance, r.agentId());
        released.run();
    }

    /** The instance's step is COMPLETE; a decommissioned instance is gone for good, and forgotten with its tasks. */
    private void markReleased(String planName, String instance) {
        state.plan(planName).ifPresent(u -> state.savePlan(u.mapSteps(s -> s.podInstance().equals(instance)
                ? s.with(Status.COMPLETE, "released", clock.instant()) : s)));
        if (planName.equals(PlanFactory.DECOMMISSION)) {
            state.removePod(instance);
            for (TaskRecord t : List.copyOf(state.tasks())) {
                if (t.podInstance().equals(instance)) {
                    state.removeTask(t.name());
                }
            }
            LOG.infof("service %s: %s decommissioned", state.name(), instance);
        }
        released.run();
    }
}
