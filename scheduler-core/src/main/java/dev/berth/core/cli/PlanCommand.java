package dev.berth.core.cli;

import dev.berth.core.client.PlanScope;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth plan list|show|start|stop|continue|force-complete|restart}: a service's plans, shown as trees and steered. */
@Command(name = "plan", description = "Shows and steers a service's plans.",
        subcommands = {PlanCommand.ListPlans.class, PlanCommand.Show.class, PlanCommand.Start.class, PlanCommand.Stop.class,
            PlanCommand.Continue.class, PlanCommand.ForceComplete.class, PlanCommand.Restart.class})
public class PlanCommand {
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
        b.append(p.name()).append(' ').append(p.status()).append(p.interrupted() ? " (stopped)" : "");
        p.parameters().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        b.append('\n');
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

        /** What the action runs the plan with: only a start takes parameters. */
        Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public Integer call() {
            ServiceViews.PlanView p = options.client().plans().act(service, plan, action(), PlanScope.of(phase, step),
                    parameters());
            if (options.json()) {
                ClientOptions.printJson(p);
            } else {
                System.out.print(tree(p));
            }
            return 0;
        }
    }

    @Command(name = "start", description = "Starts (or continues) a plan; -p gives the parameters it declares (a backup's name).")
    public static class Start extends Action {
        @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
                description = "a parameter of the plan, e.g. -p name=nightly-1 (repeat for more)")
        Map<String, String> parameters = new LinkedHashMap<>();

        PlanAction action() {
            return PlanAction.START;
        }

        @Override
        Map<String, String> parameters() {
            return parameters;
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
