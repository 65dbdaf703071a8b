package dev.berth.core.api;

import dev.berth.core.master.Master;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rows the cluster views show, the same for the REST API and the CLI tables. */
public final class ClusterViews {
    private ClusterViews() {
    }

    public record AgentRow(String id, String hostname, String ip, String status, Instant lastSeen,
                           Map<String, String> attributes, String total, String free, String reserved) {
    }

    public record ReservationRow(String agentId, String role, String principal, String resourceId, String resources) {
    }

    public record VolumeRow(String agentId, String persistenceId, String role, String size, String containerPath,
                            String mode, String source, List<String> usedBy) {
    }

    public record TaskRow(String taskId, String name, String frameworkId, String agentId, String state, String message,
                          Instant updated) {
    }

    public static List<AgentRow> agents(List<Master.AgentView> agents) {
        return agents.stream().map(a -> new AgentRow(a.info().id(), a.info().hostname(), a.info().ip(), a.status(),
                a.lastSeen(), a.info().attributes(), a.info().resources().toString(),
                a.ledger().ledger().free().toString(), a.ledger().ledger().reserved().toString())).toList();
    }

    /** One row per agent and reservation (role, principal, labels), with what it holds. */
    public static List<ReservationRow> reservations(List<Master.AgentView> agents) {
        List<ReservationRow> rows = new ArrayList<>();
        for (Master.AgentView a : agents) {
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
        for (Master.AgentView a : agents) {
            for (Volume v : a.ledger().volumes().values()) {
                rows.add(new VolumeRow(a.info().id(), v.id().value(), v.role().map(Object::toString).orElse(""),
                        v.size() + " MiB", v.containerPath().value(), v.mode().name(),
                        v.source().kind().name() + (v.source().root().isEmpty() ? "" : ":" + v.source().root()),
                        List.copyOf(a.ledger().usersOf(v.id()))));
            }
        }
        return rows;
    }

    public static List<TaskRow> tasks(List<Master.TaskView> tasks) {
        return tasks.stream().map(t -> new TaskRow(t.info().taskId(), t.info().name(), t.frameworkId(),
                t.info().agentId(), t.latest().state().name(), t.latest().message(), t.latest().timestamp())).toList();
    }
}
