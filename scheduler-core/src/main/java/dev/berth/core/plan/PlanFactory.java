package dev.berth.core.plan;

import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds plans from a service spec: the deploy plan as the package declares it (one step per pod
 * instance and phase), the update plan that rolls the instances whose pod changed, and the recovery
 * plan that collects relaunches and replaces as they happen.
 */
public final class PlanFactory {
    public static final String DEPLOY = "deploy";
    public static final String UPDATE = "update";
    public static final String RECOVERY = "recovery";
    public static final String UNINSTALL = "uninstall";
    public static final String DECOMMISSION = "decommission";
    /** Relaunches the instances whose TLS certificate is due, one at a time; each launch issues a new one. */
    public static final String TLS_RENEWAL = "tls-renewal";

    private PlanFactory() {
    }

    /** The deploy plan: the spec's, or one serial phase per pod in order when it declares none. */
    public static Plan deploy(ServiceSpec spec) {
        return fromSpec(spec, spec.plan(DEPLOY).orElseGet(() -> defaultPlan(DEPLOY, spec)), Set.of());
    }

    /**
     * The update plan after the target changed from {@code before} to {@code after}: the deploy plan's
     * shape, where an instance's step is left to do when its pod changed ({@code changedPods}: anything
     * but the count, including what its config templates render to) or when it is new (a count
     * increase); all others start COMPLETE, so an update rolls exactly what changed, in the package's
     * order and strategy, and a scale-up launches only the new instances.
     */
    public static Plan update(ServiceSpec before, ServiceSpec after, Set<String> changedPods) {
        PlanSpec deploy = after.plan(DEPLOY).orElseGet(() -> defaultPlan(DEPLOY, after));
        Plan shape = fromSpec(after, new PlanSpec(UPDATE, deploy.strategy(), deploy.phases()), Set.of());
        return shape.mapSteps(s -> {
            String type = s.podInstance().substring(0, s.podInstance().lastIndexOf('-'));
            int index = Integer.parseInt(s.podInstance().substring(type.length() + 1));
            boolean isNew = before.pod(type).map(p -> index >= p.count()).orElse(true);
            return isNew || changedPods.contains(type) ? s : s.with(Status.COMPLETE, "unchanged", null);
        });
    }

    /**
     * The decommission plan after a pod's count went down: one serial phase per such pod, its highest
     * instances first, each step taking an instance out (tasks stopped, volumes destroyed, resources
     * unreserved). No phase when no count went down.
     */
    public static Plan decommission(ServiceSpec before, ServiceSpec after) {
        List<Phase> phases = new ArrayList<>();
        for (PodSpec pod : before.pods()) {
            int now = after.pod(pod.type()).map(PodSpec::count).orElse(0);
            List<Step> steps = new ArrayList<>();
            for (int i = pod.count() - 1; i >= now; i--) {
                steps.add(Step.pending(pod.instanceName(i), List.of()));
            }
            if (!steps.isEmpty()) {
                phases.add(new Phase(pod.type(), Strategy.SERIAL, steps, false));
            }
        }
        return new Plan(DECOMMISSION, Strategy.SERIAL, phases, false);
    }

    /** Plans the runtime makes itself; any other plan is one the package declares (repair, cleanup). */
    public static final java.util.List<String> BUILT_IN = java.util.List.of(UNINSTALL, DEPLOY, DECOMMISSION, UPDATE, RECOVERY,
            TLS_RENEWAL);

    /**
     * The plans a package declares besides deploy (repair, cleanup…), stopped until an operator starts
     * them: {@code berth plan start SVC repair}.
     */
    public static java.util.List<Plan> declared(ServiceSpec spec) {
        return spec.plans().stream().filter(p -> !BUILT_IN.contains(p.name()))
                .map(p -> fromSpec(spec, p, Set.of()).withInterrupted(true)).toList();
    }

    /**
     * The TLS renewal plan of a service whose tasks serve TLS: a serial phase per such pod, a step per instance
     * over its TLS tasks, all COMPLETE (a launch issues a certificate). Berth restarts a step when its instance's
     * certificate is due; {@code berth plan start SVC tls-renewal} renews every certificate now. Empty for a
     * service without TLS.
     */
    public static java.util.Optional<Plan> tlsRenewal(ServiceSpec spec) {
        List<Phase> phases = new ArrayList<>();
        for (PodSpec pod : spec.pods()) {
            List<String> tls = pod.tasks().stream().filter(t -> t.tls().isPresent()).map(t -> t.name()).toList();
            if (tls.isEmpty()) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < pod.count(); i++) {
                steps.add(Step.pending(pod.instanceName(i), tls).with(Status.COMPLETE, "certificate issued at launch", null));
            }
            phases.add(new Phase(pod.type(), Strategy.SERIAL, steps, false));
        }
        return phases.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new Plan(TLS_RENEWAL, Strategy.SERIAL, phases, false));
    }

    public static Plan emptyRecovery() {
        return new Plan(RECOVERY, Strategy.PARALLEL, List.of(new Phase(RECOVERY, Strategy.PARALLEL, List.of(), false)), false);
    }

    private static PlanSpec defaultPlan(String name, ServiceSpec spec) {
        List<PhaseSpec> phases = spec.pods().stream().map(p -> new PhaseSpec(p.type(), p.type(), Strategy.SERIAL, List.of())).toList();
        return new PlanSpec(name, Strategy.SERIAL, phases);
    }

    private static Plan fromSpec(ServiceSpec spec, PlanSpec planSpec, Set<String> onlyPods) {
        List<Phase> phases = new ArrayList<>();
        for (PhaseSpec ps : planSpec.phases()) {
            if (ps.hasAction()) {
                phases.add(new Phase(ps.name(), Strategy.SERIAL, List.of(Step.action(ps.action().get(), ps.description(), false)), false));
                continue;
            }
            PodSpec pod = spec.pod(ps.pod()).orElseThrow(() -> new IllegalArgumentException("plans." + planSpec.name()
                    + ".phases." + ps.name() + ".pod: '" + ps.pod() + "' is not a pod of the service; pods: "
                    + spec.pods().stream().map(PodSpec::type).toList()));
            List<String> tasks = ps.tasks().isEmpty() ? pod.tasks().stream().map(t -> t.name()).toList() : ps.tasks();
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < pod.count(); i++) {
                Step s = Step.pending(pod.instanceName(i), tasks);
                if (!onlyPods.isEmpty() && !onlyPods.contains(pod.type())) {
                    s = s.with(Status.COMPLETE, "unchanged", null);
                }
                steps.add(s);
            }
            phases.add(new Phase(ps.name(), ps.strategy(), steps, false));
        }
        return new Plan(planSpec.name(), planSpec.strategy(), phases, false);
    }
}
