package dev.berth.core.master;

import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a framework's principal may do each operation of an accept, as Mesos's {@code reserve_resources},
 * {@code create_volumes} and {@code run_tasks} ACLs: RESERVE and UNRESERVE on the roles of the resources,
 * CREATE and DESTROY on the roles of the volumes' disk, LAUNCH as the OS user of each task (a task that
 * names none runs as the agent's user, taken as {@code root}). Checked before anything is applied, so a
 * denied accept changes nothing. A volume on unreserved disk has no role to check; the ledger refuses it
 * with its own reason.
 */
final class OperationAccess {
    private OperationAccess() {
    }

    /** One thing to allow: an action on an object. */
    record Need(Action action, String object) {
    }

    static void check(Authorizer authorizer, FrameworkInfo framework, List<Operation> operations) {
        for (Need n : needs(operations)) {
            authorizer.check(framework.principal().name(), n.action(), n.object());
        }
    }

    static Set<Need> needs(List<Operation> operations) {
        Set<Need> needs = new LinkedHashSet<>();
        for (Operation op : operations) {
            if (op instanceof Operation.Reserve r) {
                roles(r.resources()).forEach(role -> needs.add(new Need(Action.RESERVE, role)));
            } else if (op instanceof Operation.Unreserve u) {
                roles(u.resources()).forEach(role -> needs.add(new Need(Action.UNRESERVE, role)));
            } else if (op instanceof Operation.Create c) {
                c.volumes().forEach(v -> v.role().ifPresent(r -> needs.add(new Need(Action.CREATE_VOLUME, r.name()))));
            } else if (op instanceof Operation.Destroy d) {
                d.volumes().forEach(v -> v.role().ifPresent(r -> needs.add(new Need(Action.DESTROY_VOLUME, r.name()))));
            } else if (op instanceof Operation.Launch l) {
                for (TaskInfo t : l.tasks()) {
                    String user = t.command().user();
                    needs.add(new Need(Action.LAUNCH_AS_USER, user.isEmpty() ? Action.AGENT_USER : user));
                }
            }
        }
        return needs;
    }

    private static List<String> roles(Resources resources) {
        return resources.list().stream().map(Resource::reservation).flatMap(java.util.Optional::stream)
                .map(r -> r.role().name()).distinct().toList();
    }

}
