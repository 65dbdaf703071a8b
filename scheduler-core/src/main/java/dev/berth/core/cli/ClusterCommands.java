package dev.berth.core.cli;

import dev.berth.core.protocol.ClusterViews;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth leader|agents|reservations|volumes|tasks}: the cluster as tables, or {@code -o json}. */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    @Command(name = "leader", description = "Shows the leading master: its URL, its epoch, since when it leads.")
    public static class Leader implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            ClusterViews.LeaderView l = options.client().cluster().leader();
            options.print(List.of(l), new Table("LEADER", "EPOCH", "ELECTED", "SERVING SINCE"),
                    r -> new Object[] {r.url(), r.epoch(), r.elected(), r.serving()});
            return 0;
        }
    }

    @Command(name = "agents", description = "Lists the agents: address, state, attributes, and per resource what is"
            + " used/reserved/total (mem and disk in MiB, ports as counts); -o json has every resource in full.")
    public static class Agents implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ClusterViews.AgentRow> rows = options.client().cluster().agents();
            options.print(rows, new Table("ID", "IP", "STATE", "ATTRIBUTES", "CPUS", "MEM", "DISK", "PORTS"),
                    r -> new Object[] {r.id(), r.ip(), r.status(), Cells.attributes(r.attributes()), Cells.usage(r, "cpus"),
                        Cells.usage(r, "mem"), Cells.usage(r, "disk"), Cells.usage(r, "ports")});
            return 0;
        }
    }

    @Command(name = "reservations", description = "Lists the reservations: agent, role, principal, resource id, resources.")
    public static class Reservations implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ClusterViews.ReservationRow> rows = options.client().cluster().reservations();
            options.print(rows, new Table("AGENT", "ROLE", "PRINCIPAL", "RESOURCE ID", "RESOURCES"), r -> new Object[] {r.agentId(), r.role(), r.principal(), r.resourceId(), r.resources()});
            return 0;
        }
    }

    @Command(name = "volumes", description = "Lists the persistent volumes and the tasks using them.")
    public static class Volumes implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ClusterViews.VolumeRow> rows = options.client().cluster().volumes();
            options.print(rows, new Table("AGENT", "PERSISTENCE ID", "ROLE", "SIZE", "USED", "PATH", "MODE", "SOURCE", "USED BY"), r -> new Object[] {r.agentId(), r.persistenceId(), r.role(), r.size(), Cells.size(r.usedBytes()),
                    r.containerPath(), r.mode(), r.source(), String.join(",", r.usedBy())});
            return 0;
        }
    }

    @Command(name = "tasks", description = "Lists the tasks with their latest state.")
    public static class Tasks implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ClusterViews.TaskRow> rows = options.client().cluster().tasks();
            options.print(rows, new Table("TASK", "NAME", "FRAMEWORK", "AGENT", "STATE", "MEM", "SANDBOX", "UPDATED", "MESSAGE"), r -> new Object[] {r.taskId(), r.name(), r.frameworkId(), r.agentId(), r.state(),
                    Cells.size(r.memoryBytes()), Cells.size(r.sandboxBytes()), r.updated(), r.message()});
            return 0;
        }
    }
}
