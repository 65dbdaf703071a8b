package dev.berth.core.ui;

import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;

/** What the dashboard's templates show: the API's views, arranged for a page, with what a template should not compute. */
public final class Views {
    private Views() {
    }

    /** An agent with its resource bars, and the reservations and volumes it holds. */
    public record AgentCard(ClusterViews.AgentRow agent, List<Bar> bars, List<ClusterViews.ReservationRow> reservations,
                            List<VolumeLine> volumes) {
        public String attributes() {
            return agent.attributes().isEmpty() ? "-" : new java.util.TreeMap<>(agent.attributes()).toString()
                    .replaceAll("[{}]", "");
        }

        /** REACHABLE agents are well; any other state is shown as a warning. */
        public boolean healthy() {
            return agent.status().equals("REACHABLE");
        }
    }

    /** A volume with its use in readable units. */
    public record VolumeLine(ClusterViews.VolumeRow volume, String used) {
    }

    /**
     * A service: its package and config, its plans as trees, its pods; {@code mayAct} when the caller may use
     * the plan controls (plan_action on the service).
     */
    public record ServicePanel(ServiceViews.ServiceRow service, List<PlanCard> plans, List<PodLine> pods, boolean mayAct) {
    }

    /**
     * A plan and which of the common actions apply now: pause (the API's {@code stop}) while it runs, continue
     * while it is stopped or waits for an operator.
     */
    public record PlanCard(ServiceViews.PlanView plan, List<PhaseCard> phases) {
        public boolean pausable() {
            return !plan.interrupted() && !plan.status().equals("COMPLETE");
        }

        public boolean continuable() {
            return plan.interrupted() || plan.status().equals("WAITING");
        }

        public String state() {
            return plan.status() + (plan.interrupted() ? " (paused)" : "");
        }
    }

    public record PhaseCard(ServiceViews.PhaseView phase, List<StepLine> steps) {
    }

    /** A step, and for one not complete why it waits and since when (as {@code berth plan show} prints it). */
    public record StepLine(ServiceViews.StepView step, String waits, String since) {
    }

    /** A pod instance and its tasks, each with the path of its logs. */
    public record PodLine(ServiceViews.PodRow pod, List<TaskLine> tasks) {
    }

    public record TaskLine(ServiceViews.TaskRow task, String logsPath) {
    }

    /** One event of the stream, newest first on the page. */
    public record EventLine(String id, String time, String kind, String service, String subject, String message) {
    }

    /** The page's header: who is logged in and which master leads. */
    public record Header(String principal, String leader, long epoch) {
    }

    /** Live triggers of each section: the event kinds after which it is fetched again (see {@link LiveTriggers}). */
    public record Triggers(String agents, String services, String events) {
    }
}
