package dev.berth.core.plan;

import dev.berth.core.spec.Strategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A plan: phases run in the plan's strategy. Plans are data: the service keeps them in its state
 * store, so a restarted framework goes on at the step where it stopped. {@code parameters} are the
 * values an operator started it with (a backup's name), defaults filled in; empty for most plans.
 */
public record Plan(String name, Strategy strategy, List<Phase> phases, boolean interrupted, Map<String, String> parameters) {
    public Plan {
        Objects.requireNonNull(name, "name");
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        phases = List.copyOf(phases);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    public Plan(String name, Strategy strategy, List<Phase> phases, boolean interrupted) {
        this(name, strategy, phases, interrupted, Map.of());
    }

    /** The plan's status: WAITING when stopped, else the aggregate of its phases. */
    public Status status() {
        Status s = aggregate(phases.stream().map(Phase::status).toList());
        return interrupted && s != Status.COMPLETE ? Status.WAITING : s;
    }

    public boolean isComplete() {
        return phases.stream().allMatch(p -> p.status() == Status.COMPLETE);
    }

    /** The steps that may act now, across phases, per the plan's strategy; none while it is stopped. */
    public List<Step> candidates() {
        List<Step> out = new ArrayList<>();
        if (interrupted) {
            return out;
        }
        for (Phase p : phases) {
            if (p.status() == Status.COMPLETE) {
                continue;
            }
            out.addAll(p.candidates());
            if (strategy != Strategy.PARALLEL) {
                return out;
            }
        }
        return out;
    }

    public Optional<Phase> phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst();
    }

    public Plan mapSteps(UnaryOperator<Step> f) {
        return new Plan(name, strategy, phases.stream().map(p -> p.mapSteps(f)).toList(), interrupted, parameters);
    }

    public Plan mapPhases(UnaryOperator<Phase> f) {
        return new Plan(name, strategy, phases.stream().map(f).toList(), interrupted, parameters);
    }

    public Plan withPhases(List<Phase> value) {
        return new Plan(name, strategy, value, interrupted, parameters);
    }

    public Plan withInterrupted(boolean value) {
        return new Plan(name, strategy, phases, value, parameters);
    }

    public Plan withParameters(Map<String, String> value) {
        return new Plan(name, strategy, phases, interrupted, value);
    }

    /** True when no step of it has begun since it was made or last restarted (all PENDING). */
    public boolean notBegun() {
        return phases.stream().flatMap(p -> p.steps().stream()).allMatch(s -> s.status() == Status.PENDING);
    }

    /**
     * One status for many: COMPLETE when all are, ERROR when any is, WAITING when any waits and none
     * runs, in progress (the most advanced) when any runs, PENDING otherwise.
     */
    static Status aggregate(List<Status> all) {
        if (all.isEmpty() || all.stream().allMatch(s -> s == Status.COMPLETE)) {
            return Status.COMPLETE;
        }
        if (all.contains(Status.ERROR)) {
            return Status.ERROR;
        }
        if (all.stream().anyMatch(Status::isInProgress)) {
            return all.contains(Status.STARTED) ? Status.STARTED
                    : all.contains(Status.STARTING) ? Status.STARTING : Status.PREPARED;
        }
        if (all.contains(Status.WAITING)) {
            return Status.WAITING;
        }
        return all.contains(Status.COMPLETE) ? Status.STARTED : Status.PENDING;
    }
}
