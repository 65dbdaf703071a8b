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

    private PlanFactory() {
    }

    /** The deploy plan: the spec's, or one serial phase per pod in order when it declares none. */
    public static Plan deploy(ServiceSpec spec) {
        return fromSpec(spec, spec.plan(DEPLOY).orElseGet(() -> defaultPlan(DEPLOY, spec)), Set.of());
    }

    /**
     * The update plan after the target changed: the deploy plan's shape, with only the steps of pods
     * in {@code changedPods} left to do (the others start COMPLETE), so an update rolls exactly what
     * changed, in the package's order and strategy. New instances (a count increase) are steps too.
     */
    public static Plan update(ServiceSpec spec, Set<String> changedPods) {
        PlanSpec deploy = spec.plan(DEPLOY).orElseGet(() -> defaultPlan(DEPLOY, spec));
        Plan p = fromSpec(spec, new PlanSpec(UPDATE, deploy.strategy(), deploy.phases()), changedPods);
        return p;
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
