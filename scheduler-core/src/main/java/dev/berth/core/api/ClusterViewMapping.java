package dev.berth.core.api;

import dev.berth.reservations.Ranges;
import dev.berth.reservations.AgentLedger;
import dev.berth.core.master.Master;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ClusterViews.AgentRow;
import dev.berth.core.protocol.ClusterViews.ReservationRow;
import dev.berth.core.protocol.ClusterViews.TaskRow;
import dev.berth.core.protocol.ClusterViews.VolumeRow;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The master's agents and tasks as the cluster views show them ({@link dev.berth.core.protocol.ClusterViews}). */
final class ClusterViewMapping {
    private ClusterViewMapping() {
    }

    public static List<AgentRow> agents(List<Master.AgentView> agents) {
        return sorted(agents).stream().map(a -> new AgentRow(a.info().id(), a.info().hostname(), a.info().ip(), a.status(),
                a.lastSeen(), a.info().attributes(), a.info().resources().toString(),
                a.ledger().ledger().free().toString(), a.ledger().ledger().reserved().toString(),
                usage(a.ledger().ledger()))).toList();
    }

    /** Each resource the agent declares, summed: used (held by tasks and volumes), reserved, total. */
    static List<ClusterViews.ResourceUse> usage(AgentLedger ledger) {
        Resources total = ledger.total();
        Resources used = ledger.resources().minus(ledger.free()).withoutReservations();
        Resources reserved = ledger.reserved().withoutReservations();
        return total.list().stream().map(Resource::name).distinct().sorted(ClusterViewMapping::byUsualOrder)
                .map(name -> new ClusterViews.ResourceUse(name, amount(used, name), amount(reserved, name), amount(total, name)))
                .toList();
    }

    private static double amount(Resources r, String name) {
        Ranges ranges = r.ranges(name);
        return ranges.ranges().isEmpty() ? r.scalar(name).toDouble() : ranges.count();
    }

    /** cpus, mem, disk, ports first (as Mesos lists them), then the rest by name. */
    private static int byUsualOrder(String a, String b) {
        List<String> usual = List.of("cpus", "mem", "disk", "ports");
        int ia = usual.indexOf(a) < 0 ? usual.size() : usual.indexOf(a);
        int ib = usual.indexOf(b) < 0 ? usual.size() : usual.indexOf(b);
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    /** Agents in a stable order (by hostname, then id), whatever order they registered in. */
    private static List<Master.AgentView> sorted(List<Master.AgentView> agents) {
        return agents.stream().sorted(java.util.Comparator.comparing((Master.AgentView a) -> a.info().hostname())
                .thenComparing(a -> a.info().id())).toList();
    }

    /** One row per agent and reservation (role, principal, labels), with what it holds. */
    public static List<ReservationRow> reservations(List<Master.AgentView> agents) {
        List<ReservationRow> rows = new ArrayList<>();
        for (Master.AgentView a : sorted(agents)) {
            Map<Reservation, List<Resource>> byReservation = new TreeMap<>();
            for (Resource r : a.ledger().ledger().reserved().list()) {
                byReservation.computeIfAbsent(r.reservation().orElseThrow(), k -> new ArrayList<>())
                        .add(r.unreserved());
            }
            byReservation.forEach((res, list) -> rows.add(new ReservationRow(a.info().id(), res.role().name(),
                    res.principal().name(), res.labels().resourceId().orElse(""), Resources.of(list).toString())));
        }
        return rows;
    }

    public static List<VolumeRow> volumes(List<Master.AgentView> agents) {
        List<VolumeRow> rows = new ArrayList<>();
        for (Master.AgentView a : sorted(agents)) {
            for (Volume v : a.ledger().volumes().values()) {
                long used = a.usage().volumes().stream().filter(u -> u.persistenceId().equals(v.id().value()))
                        .mapToLong(AgentUsage.VolumeUsage::bytes).findFirst().orElse(-1);
                rows.add(new VolumeRow(a.info().id(), v.id().value(), v.role().map(Object::toString).orElse(""),
                        v.size() + " MiB", v.containerPath().value(), v.mode().name(),
                        v.source().kind().name() + (v.source().root().isEmpty() ? "" : ":" + v.source().root()),
                        List.copyOf(a.ledger().usersOf(v.id())), used));
            }
        }
        return rows;
    }

    public static List<TaskRow> tasks(List<Master.TaskView> tasks) {
        return tasks.stream().map(t -> new TaskRow(t.info().taskId(), t.info().name(), t.frameworkId(),
                t.info().agentId(), t.latest().state().name(), t.latest().message(), t.latest().timestamp(),
                t.usage().map(AgentUsage.TaskUsage::memoryBytes).orElse(-1L),
                t.usage().map(AgentUsage.TaskUsage::sandboxBytes).orElse(-1L))).toList();
    }
}
