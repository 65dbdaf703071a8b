package dev.berth.core.api;

import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.ServiceViews.PhaseView;
import dev.berth.core.protocol.ServiceViews.PlanView;
import dev.berth.core.protocol.ServiceViews.PodRow;
import dev.berth.core.protocol.ServiceViews.ServiceRow;
import dev.berth.core.protocol.ServiceViews.StepView;
import dev.berth.core.protocol.ServiceViews.TaskRow;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.ServiceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A service's state as the services API shows it ({@link dev.berth.core.protocol.ServiceViews}). */
final class ServiceViewMapping {
    private ServiceViewMapping() {
    }

    public static ServiceRow row(ServiceSnapshot s) {
        Map<String, String> plans = new TreeMap<>();
        s.plans().forEach((k, v) -> plans.put(k, v.status().name()));
        ServiceTarget t = s.target();
        return new ServiceRow(s.name(), t.packageName(), t.packageVersion(), t.id(), plans);
    }

    public static PlanView plan(Plan p) {
        List<PhaseView> phases = new ArrayList<>();
        for (Phase ph : p.phases()) {
            List<StepView> steps = ph.steps().stream().map(ServiceViewMapping::step).toList();
            phases.add(new PhaseView(ph.name(), ph.status().name(), ph.strategy().name(), steps));
        }
        return new PlanView(p.name(), p.status().name(), p.interrupted(), phases, p.parameters());
    }

    private static StepView step(Step s) {
        return new StepView(s.name(), s.podInstance(), s.shownStatus().name(), s.message(), s.updated());
    }

    public static List<PodRow> pods(ServiceSnapshot s) {
        Map<String, PodInstanceRecord> pods = s.pods();
        Map<String, TaskRecord> tasks = s.tasks();
        List<PodRow> out = new ArrayList<>();
        for (PodInstanceRecord p : new TreeMap<>(pods).values()) {
            List<TaskRow> rows = tasks.values().stream().filter(t -> t.podInstance().equals(p.name()))
                    .map(t -> new TaskRow(t.name(), t.info().taskId(),
                            t.latest().map(x -> x.state().name()).orElse("UNKNOWN"),
                            t.latest().map(x -> x.ready()).orElse(false), t.configId(),
                            t.latest().map(x -> x.message()).orElse(""))).toList();
            out.add(new PodRow(p.name(), p.agentId(), p.hostname(), p.ip(), rows));
        }
        return out;
    }
}
