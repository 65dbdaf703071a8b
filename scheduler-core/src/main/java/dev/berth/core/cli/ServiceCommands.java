package dev.berth.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.client.PlanScope;
import dev.berth.core.client.PodClient;
import dev.berth.core.json.BerthJson;
import dev.berth.core.pkg.Options;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The service commands: install, uninstall, services, update, plan, pod, endpoints, secret, package. */
public final class ServiceCommands {
    private ServiceCommands() {
    }

    static JsonNode readOptionsFile(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return BerthJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--options: cannot read " + file + " as JSON: " + e.getMessage());
        }
    }

    @Command(name = "install", description = "Installs a package as a service and starts its deploy plan.")
    public static class Install implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the package, e.g. hello")
        String packageName;

        @Option(names = "--name", description = "the service name (default: the package name)")
        String name;

        @Option(names = "--set", description = "an option, KEY=VALUE (repeatable), e.g. --set hello.count=5")
        List<String> set = new ArrayList<>();

        @Option(names = "--options", description = "a JSON file of options")
        Path optionsFile;

        @Override
        public Integer call() {
            ServiceViews.Installed r = options.client().services().install(new ServiceRequests.InstallRequest(
                    name, packageName, Options.assignments(set), readOptionsFile(optionsFile)));
            if (options.json()) {
                ClientOptions.printJson(r);
            } else {
                System.out.println("installed " + r.name() + " (package " + r.packageName() + " " + r.packageVersion()
                        + ", config " + r.configId() + "); watch it with: berth plan show " + r.name() + " deploy --watch");
            }
            return 0;
        }
    }

    @Command(name = "uninstall", description = "Uninstalls a service: kills its tasks, destroys its volumes, unreserves its resources.")
    public static class Uninstall implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Option(names = "--no-wait", description = "return at once instead of waiting until everything is released")
        boolean noWait;

        @Override
        public Integer call() throws InterruptedException {
            options.client().services().uninstall(service);
            if (!noWait) {
                while (options.client().services().list().stream().anyMatch(s -> s.name().equals(service))) {
                    Thread.sleep(1000);
                }
            }
            if (options.json()) {
                ClientOptions.printJson(Map.of("service", service, "state", noWait ? "uninstalling" : "uninstalled"));
            } else {
                System.out.println(noWait ? "uninstalling " + service : "uninstalled " + service);
            }
            return 0;
        }
    }

    @Command(name = "services", description = "Lists the installed services and the state of their plans.")
    public static class Services implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            List<ServiceViews.ServiceRow> rows = options.client().services().list();
            options.print(rows, new Table("NAME", "PACKAGE", "VERSION", "CONFIG", "PLANS"), r -> new Object[] {r.name(), r.packageName(), r.packageVersion(), r.configId(), r.plans()});
            return 0;
        }
    }

    @Command(name = "update", description = "Changes a service's options; its update plan rolls the pods. 'update status SVC' shows it.")
    public static class Update implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service, or 'status'")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "with 'status': the service")
        String statusOf;

        @Option(names = "--set", description = "an option, KEY=VALUE (repeatable)")
        List<String> set = new ArrayList<>();

        @Option(names = "--options", description = "a JSON file of options")
        Path optionsFile;

        @Override
        public Integer call() {
            if (service.equals("status") && statusOf != null) {
                return new PlanCmd.Show().show(options, statusOf, "update", false);
            }
            ServiceViews.Installed r = options.client().services().update(service,
                    new ServiceRequests.UpdateRequest(Options.assignments(set), readOptionsFile(optionsFile)));
            if (options.json()) {
                ClientOptions.printJson(r);
            } else {
                System.out.println("updating " + service + " to config " + r.configId()
                        + "; watch it with: berth update status " + service);
            }
            return 0;
        }
    }

    @Command(name = "endpoints", description = "Lists a service's endpoints, or prints one as host:port,host:port.")
    public static class EndpointsCmd implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "an endpoint name")
        String name;

        @Override
        public Integer call() {
            if (name != null) {
                ServiceViews.EndpointView e = options.client().services().endpoint(service, name);
                if (options.json()) {
                    ClientOptions.printJson(e);
                } else {
                    System.out.println(e.joined());
                }
                return 0;
            }
            Map<String, List<String>> all = options.client().services().endpoints(service);
            if (options.json()) {
                ClientOptions.printJson(all);
                return 0;
            }
            Table t = new Table("ENDPOINT", "ADDRESSES");
            all.forEach((k, v) -> t.row(k, String.join(",", v)));
            t.print(System.out);
            return 0;
        }
    }

    @Command(name = "secret", description = "Lists a service's secrets (name, what for, fingerprint), or prints one's value.")
    public static class SecretCmd implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", arity = "0..1", description = "a secret's name: prints its value alone, for scripts")
        String name;

        @Override
        public Integer call() {
            if (name != null) {
                ServiceViews.SecretValue v = options.client().services().secret(service, name);
                if (options.json()) {
                    ClientOptions.printJson(v);
                } else {
                    System.out.println(v.value());
                }
                return 0;
            }
            List<ServiceViews.SecretInfo> all = options.client().services().secrets(service);
            if (options.json()) {
                ClientOptions.printJson(all);
                return 0;
            }
            Table t = new Table("SECRET", "FINGERPRINT", "DESCRIPTION");
            all.forEach(s -> t.row(s.name(), s.fingerprint(), s.description()));
            t.print(System.out);
            return 0;
        }
    }

    @Command(name = "package", description = "Lists packages, or describes one and its options.",
            subcommands = {PackageCmd.ListPackages.class, PackageCmd.Describe.class})
    public static class PackageCmd {
        @Command(name = "list", description = "Lists the packages that can be installed.")
        public static class ListPackages implements Callable<Integer> {
            @Mixin
            ClientOptions options;

            @Override
            public Integer call() {
                List<ServiceViews.PackageView> rows = options.client().packages().list();
                options.print(rows, new Table("NAME", "VERSION", "DESCRIPTION"), r -> new Object[] {r.name(), r.version(), r.description()});
                return 0;
            }
        }

        @Command(name = "describe", description = "Shows a package's options: type, default, what is allowed.")
        public static class Describe implements Callable<Integer> {
            @Mixin
            ClientOptions options;

            @Parameters(index = "0")
            String name;

            @Override
            public Integer call() {
                ServiceViews.PackageView p = options.client().packages().describe(name);
                if (options.json()) {
                    ClientOptions.printJson(p);
                    return 0;
                }
                System.out.println(p.name() + " " + p.version() + ": " + p.description());
                Table t = new Table("OPTION", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION");
                p.options().forEach(o -> t.row(o.key(), o.type(), o.defaultValue(), o.allowed(), o.description()));
                t.print(System.out);
                return 0;
            }
        }
    }

    @Command(name = "plan", description = "Shows and steers a service's plans.",
            subcommands = {PlanCmd.ListPlans.class, PlanCmd.Show.class, PlanCmd.Start.class, PlanCmd.Stop.class,
                PlanCmd.Continue.class, PlanCmd.ForceComplete.class, PlanCmd.Restart.class})
    public static class PlanCmd {
        @Command(name = "list", description = "Lists a service's plans and their states.")
        public static class ListPlans implements Callable<Integer> {
            @Mixin
            ClientOptions options;

            @Parameters(index = "0")
            String service;

            @Override
            public Integer call() {
                List<ServiceViews.PlanView> plans = options.client().plans().list(service);
                options.print(plans, new Table("PLAN", "STATUS"), p -> new Object[] {p.name(), p.status()});
                return 0;
            }
        }

        @Command(name = "show", description = "Shows a plan as a tree, each step with its state and why it waits.")
        public static class Show implements Callable<Integer> {
            @Mixin
            ClientOptions options;

            @Parameters(index = "0")
            String service;

            @Parameters(index = "1", defaultValue = "deploy")
            String plan;

            @Option(names = "--watch", description = "follow the plan until it is COMPLETE")
            boolean watch;

            @Override
            public Integer call() {
                return show(options, service, plan, watch);
            }

            int show(ClientOptions options, String service, String plan, boolean watch) {
                String last = "";
                while (true) {
                    ServiceViews.PlanView p = options.client().plans().get(service, plan);
                    if (options.json()) {
                        ClientOptions.printJson(p);
                        return 0;
                    }
                    String tree = tree(p);
                    if (!tree.equals(last)) {
                        System.out.print(tree);
                        if (watch) {
                            System.out.println();
                        }
                        last = tree;
                    }
                    if (!watch || p.status().equals("COMPLETE")) {
                        return 0;
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return 0;
                    }
                }
            }
        }

        /** A plan as a tree: phases, then steps with their state and, when not complete, why they wait. */
        static String tree(ServiceViews.PlanView p) {
            StringBuilder b = new StringBuilder();
            b.append(p.name()).append(' ').append(p.status()).append(p.interrupted() ? " (stopped)" : "").append('\n');
            for (int i = 0; i < p.phases().size(); i++) {
                ServiceViews.PhaseView ph = p.phases().get(i);
                boolean lastPhase = i == p.phases().size() - 1;
                b.append(lastPhase ? "└─ " : "├─ ").append(ph.name()).append(" (").append(ph.strategy().toLowerCase())
                        .append(") ").append(ph.status()).append('\n');
                for (int j = 0; j < ph.steps().size(); j++) {
                    ServiceViews.StepView s = ph.steps().get(j);
                    b.append(lastPhase ? "   " : "│  ").append(j == ph.steps().size() - 1 ? "└─ " : "├─ ")
                            .append(s.name()).append(' ').append(s.status());
                    if (!s.status().equals("COMPLETE") && !Objects.toString(s.message(), "").isEmpty()) {
                        b.append("  ").append(s.message());
                    }
                    b.append('\n');
                }
            }
            return b.toString();
        }

        abstract static class Action implements Callable<Integer> {
            @Mixin
            ClientOptions options;

            @Parameters(index = "0")
            String service;

            @Parameters(index = "1", defaultValue = "deploy")
            String plan;

            @Option(names = "--phase")
            String phase;

            @Option(names = "--step")
            String step;

            abstract PlanAction action();

            @Override
            public Integer call() {
                ServiceViews.PlanView p = options.client().plans().act(service, plan, action(), PlanScope.of(phase, step));
                if (options.json()) {
                    ClientOptions.printJson(p);
                } else {
                    System.out.print(tree(p));
                }
                return 0;
            }
        }

        @Command(name = "start", description = "Starts (or continues) a plan.")
        public static class Start extends Action {
            PlanAction action() {
                return PlanAction.START;
            }
        }

        @Command(name = "stop", description = "Interrupts a plan: no new step begins.")
        public static class Stop extends Action {
            PlanAction action() {
                return PlanAction.STOP;
            }
        }

        @Command(name = "continue", description = "Resumes a stopped plan, or approves the rest of a canary phase.")
        public static class Continue extends Action {
            PlanAction action() {
                return PlanAction.CONTINUE;
            }
        }

        @Command(name = "force-complete", description = "Marks a step (--phase P --step S) or a phase (--phase P) complete.")
        public static class ForceComplete extends Action {
            PlanAction action() {
                return PlanAction.FORCE_COMPLETE;
            }
        }

        @Command(name = "restart", description = "Runs a step, a phase or the whole plan again.")
        public static class Restart extends Action {
            PlanAction action() {
                return PlanAction.RESTART;
            }
        }
    }

    @Command(name = "pod", description = "Lists and acts on a service's pod instances.",
            subcommands = {PodCmd.ListPods.class, PodCmd.Status.class, PodCmd.Info.class, PodCmd.Restart.class, PodCmd.Replace.class})
    public static class PodCmd {
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

        @Command(name = "restart", description = "Restarts a pod instance in place, on its reservation and volume.")
        public static class Restart extends PodAction {
            ServiceViews.Accepted act(PodClient pods) {
                return pods.restart(service, pod);
            }
        }

        @Command(name = "replace", description = "Moves a pod instance to another agent with a fresh reservation and volume.")
        public static class Replace extends PodAction {
            ServiceViews.Accepted act(PodClient pods) {
                return pods.replace(service, pod);
            }
        }
    }
}
