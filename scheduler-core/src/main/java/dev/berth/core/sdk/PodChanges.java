package dev.berth.core.sdk;

import dev.berth.core.pkg.Options;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.spec.ConfigTemplate;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Which pods a new target changes, so that an update relaunches exactly those: a pod changed when its
 * spec differs beyond its count, or when its config files render differently with the new options
 * (a message in a template is an option the spec itself never shows). Templates are rendered with the
 * options only, the per-instance names (index, address, ports) held fixed, so only option changes count.
 * Only the pod's long-running tasks (goal RUNNING) count: a task that runs once in a plan of its own
 * (repair, backup) is launched afresh with the target of the day each time its plan runs, so a change to
 * it (say the backup's store) must not roll the database's nodes.
 */
final class PodChanges {
    private PodChanges() {
    }

    static Set<String> changed(ServiceTarget before, ServiceTarget after,
                               BiFunction<String, Map<String, Object>, String> templates) {
        Set<String> out = new TreeSet<>();
        for (PodSpec now : after.spec().pods()) {
            PodSpec was = before.spec().pod(now.type()).orElse(null);
            if (was == null || !withoutCount(was).equals(withoutCount(now))
                    || !rendered(before, was, templates).equals(rendered(after, now, templates))) {
                out.add(now.type());
            }
        }
        return out;
    }

    private static PodSpec withoutCount(PodSpec p) {
        return new PodSpec(p.type(), 0, p.placement(), p.volumes(), running(p), p.user(), p.allowDecommission());
    }

    private static List<TaskSpec> running(PodSpec p) {
        return p.tasks().stream().filter(t -> t.goal() == GoalState.RUNNING).toList();
    }

    private static List<String> rendered(ServiceTarget target, PodSpec pod,
                                         BiFunction<String, Map<String, Object>, String> templates) {
        Map<String, Object> options = Options.nested(target.options());
        List<String> out = new ArrayList<>();
        for (TaskSpec task : running(pod)) {
            Map<String, Object> ctx = new TemplateContext(target.spec().name(), options, pod.type(), 0, task.name(),
                    "", Map.of(), Map.of(), Map.of(), "").toMap();
            for (ConfigTemplate c : task.configs()) {
                out.add(c.dest() + "=" + Objects.hashCode(templates.apply(c.template(), ctx)));
            }
        }
        return out;
    }
}
