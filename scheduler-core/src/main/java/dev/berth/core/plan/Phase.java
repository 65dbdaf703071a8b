package dev.berth.core.plan;

import dev.berth.core.spec.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A phase: steps run in its strategy. A canary phase holds after its first step until continued. */
public record Phase(String name, Strategy strategy, List<Step> steps, boolean canaryApproved) {
    public Phase {
        Objects.requireNonNull(name, "name");
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        steps = List.copyOf(steps);
    }

    /** The aggregate of its steps; WAITING while a canary waits for an operator's approval. */
    public Status status() {
        Status s = Plan.aggregate(steps.stream().map(Step::shownStatus).toList());
        return waitsForCanaryApproval() && s != Status.ERROR ? Status.WAITING : s;
    }

    public Optional<Step> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /**
     * The steps that may act now: serial, the first unfinished one (unless it is interrupted);
     * parallel, every unfinished one; canary, the first, then after approval the rest serially.
     */
    public List<Step> candidates() {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.isComplete()) {
                continue;
            }
            if (strategy == Strategy.CANARY && i > 0 && !canaryApproved) {
                return out; // waits for an operator's continue after the canary
            }
            if (!s.interrupted() && s.status() != Status.ERROR) {
                out.add(s);
            }
            if (strategy != Strategy.PARALLEL) {
                return out;
            }
        }
        return out;
    }

    /** True while the canary step is done and the rest waits for an operator. */
    public boolean waitsForCanaryApproval() {
        return strategy == Strategy.CANARY && !canaryApproved && !steps.isEmpty() && steps.get(0).isComplete()
                && steps.stream().anyMatch(s -> !s.isComplete());
    }

    /** True when a step after the named one is still unfinished (it would not be the last to act). */
    public boolean hasUnfinishedAfter(String stepName) {
        boolean after = false;
        for (Step s : steps) {
            if (after && !s.isComplete()) {
                return true;
            }
            after |= s.name().equals(stepName);
        }
        return false;
    }

    /** The same phase with the named step moved behind all others: a serial phase then does it last. */
    public Phase withStepLast(String stepName) {
        List<Step> reordered = new ArrayList<>(steps.stream().filter(s -> !s.name().equals(stepName)).toList());
        step(stepName).ifPresent(reordered::add);
        return new Phase(name, strategy, reordered, canaryApproved);
    }

    public Phase mapSteps(UnaryOperator<Step> f) {
        return new Phase(name, strategy, steps.stream().map(f).toList(), canaryApproved);
    }

    public Phase withCanaryApproved(boolean approved) {
        return new Phase(name, strategy, steps, approved);
    }
}
