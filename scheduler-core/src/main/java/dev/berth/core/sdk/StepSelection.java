package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.PlanKind;
import dev.berth.core.plan.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps may act now, in the order they get offers: plans by kind (uninstall, deploy, decommission,
 * update, recovery, then the package's own by name), each plan's candidate steps by its strategy. While
 * an uninstall runs nothing else acts; updates and the package's plans wait for the deploy; one pod
 * instance is never in two acting steps at once. Pure.
 */
final class StepSelection {
    private StepSelection() {
    }

    /** A step that may act now, with its plan. */
    record Candidate(String plan, PlanKind kind, Step step) {
    }

    static List<Candidate> active(Map<String, Plan> plans) {
        boolean uninstalling = plans.containsKey(PlanFactory.UNINSTALL);
        Plan deploy = plans.get(PlanFactory.DEPLOY);
        boolean deployed = deploy == null || deploy.isComplete();
        List<Plan> ordered = plans.values().stream()
                .sorted(Comparator.comparing((Plan p) -> PlanKind.of(p.name())).thenComparing(Plan::name)).toList();
        List<Candidate> out = new ArrayList<>();
        Set<String> busy = new HashSet<>();
        for (Plan plan : ordered) {
            PlanKind kind = PlanKind.of(plan.name());
            if ((uninstalling && kind != PlanKind.UNINSTALL) || (kind.waitsForDeploy() && !deployed)) {
                continue;
            }
            for (Step s : plan.candidates()) {
                if (busy.add(s.isAction() ? "action:" + plan.name() + ":" + s.name() : s.podInstance())) {
                    out.add(new Candidate(plan.name(), kind, s));
                }
            }
        }
        return out;
    }
}
