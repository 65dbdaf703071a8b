package dev.berth.core.sdk;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a plan's change makes: each step whose status (as an operator sees it) moved, or that first
 * says why it waits, with its reason and since when; then the plan itself when its status moved. A new
 * plan counts as moved from nothing ({@code from} is empty).
 */
final class PlanEvents {
    private PlanEvents() {
    }

    static List<ClusterEvent.Draft> of(String service, Optional<Plan> before, Plan after) {
        List<ClusterEvent.Draft> out = new ArrayList<>();
        for (Phase phase : after.phases()) {
            for (Step step : phase.steps()) {
                Optional<Step> old = before.flatMap(p -> p.phase(phase.name())).flatMap(p -> p.step(step.name()));
                Optional<Status> was = old.map(Step::shownStatus);
                Status now = step.shownStatus();
                // a waiting step is told once more when it first says why it waits (later reasons: plan show)
                boolean firstReason = old.isPresent() && old.get().message().isEmpty() && !step.message().isEmpty()
                        && (now == Status.PENDING || now == Status.WAITING || now == Status.ERROR);
                if (was.isEmpty() || was.get() != now || firstReason) {
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("plan", after.name());
                    details.put("phase", phase.name());
                    details.put("step", step.name());
                    details.put("from", was.map(Status::name).orElse(""));
                    details.put("to", now.name());
                    details.put("reason", step.message());
                    details.put("since", step.updated().toString());
                    out.add(ClusterEvent.Draft.of(EventKind.STEP_STATUS, service,
                            after.name() + "/" + phase.name() + "/" + step.name(),
                            transition(was, now) + (step.message().isEmpty() ? "" : ": " + step.message()), details));
                }
            }
        }
        Optional<Status> planWas = before.map(Plan::status);
        Status planNow = after.status();
        if (planWas.isEmpty() || planWas.get() != planNow) {
            out.add(ClusterEvent.Draft.of(EventKind.PLAN_STATUS, service, after.name(), transition(planWas, planNow),
                    Map.of("plan", after.name(), "from", planWas.map(Status::name).orElse(""), "to", planNow.name())));
        }
        return out;
    }

    private static String transition(Optional<Status> was, Status now) {
        return was.filter(w -> w != now).map(w -> w + " → " + now).orElse(now.toString());
    }
}
