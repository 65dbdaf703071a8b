package dev.berth.core.cli;

import dev.berth.core.client.PodClient;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code berth pod list|status|info|logs|restart|replace}: a service's pod instances, where they run, what they
 * print, and what an operator does to them.
 */
@Command(name = "pod", description = "Lists and acts on a service's pod instances.",
        subcommands = {PodCommand.ListPods.class, PodCommand.Status.class, PodCommand.Info.class, PodLogsCommand.class,
                PodCommand.Restart.class, PodCommand.Replace.class})
public class PodCommand {
    @Command(name = "list", description = "Lists the pod instances and where they run.")
    public static class ListPods implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String service;

        @Override
        public Integer call() {
            List<ServiceViews.PodRow> pods = options.client().pods().list(service);
            options.print(pods, new Table("POD", "AGENT", "IP", "TASKS"), p -> new Object[] {p.instance(), p.hostname(), p.ip(),
                    String.join(", ", p.tasks().stream().map(x -> x.name() + " " + x.state() + (x.ready() ? " ready" : "")).toList())});
            return 0;
        }
    }

    @Command(name = "status", description = "Shows the tasks of a pod instance with their states.")
    public static class Status implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String service;

        @Parameters(index = "1")
        String pod;

        @Override
        public Integer call() {
            ServiceViews.PodRow p = options.client().pods().status(service, pod);
            if (options.json()) {
                ClientOptions.printJson(p);
                return 0;
            }
            Table t = new Table("TASK", "STATE", "READY", "CONFIG", "MESSAGE");
            p.tasks().forEach(x -> t.row(x.name(), x.state(), x.ready(), x.configId(), x.message()));
            t.print(System.out);
            return 0;
        }
    }

    @Command(name = "info", description = "Shows a pod instance's record: agent, reservations, volumes, last launches (JSON).")
    public static class Info implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String service;

        @Parameters(index = "1")
        String pod;

        @Override
        public Integer call() {
            ClientOptions.printJson(options.client().pods().infoDocument(service, pod));
            return 0;
        }
    }

    abstract static class PodAction implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0")
        String service;

        @Parameters(index = "1")
        String pod;

        abstract ServiceViews.Accepted act(PodClient pods);

        @Override
        public Integer call() {
            ServiceViews.Accepted r = act(options.client().pods());
            System.out.println(options.json() ? BerthJson.toJson(r) : r.message());
            return 0;
        }
    }

    @Command(name = "restart", description = {"Restarts a pod instance in place, on its reservation and volume.",
            "Its running tasks stop when the package lets them, as in a roll; the recovery plan shows what it waits for."})
    public static class Restart extends PodAction {
        ServiceViews.Accepted act(PodClient pods) {
            return pods.restart(service, pod);
        }
    }

    @Command(name = "replace", description = {"Moves a pod instance to another agent with a fresh reservation and volume.",
            "Its running tasks stop when the package lets them, as in a roll; the recovery plan shows what it waits for."})
    public static class Replace extends PodAction {
        ServiceViews.Accepted act(PodClient pods) {
            return pods.replace(service, pod);
        }
    }
}
