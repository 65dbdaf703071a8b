package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a service's hooks off the scheduler's thread and keeps their latest verdicts. The scheduler
 * asks for a verdict and gets the last one known (or "checking" the first time); a verdict older than
 * {@code maxAge} is asked again, and when a new one differs the scheduler is told, so a waiting step
 * moves as soon as the database says it may. A hook that throws or overruns its timeout counts as a
 * block, with the reason.
 */
final class HookVerdicts implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HookVerdicts.class);

    private record Verdict(Optional<String> answer, Instant at, Instant askedAt) {
    }

    /** A question to a hook, by kind and pod instance. */
    interface Question {
        Optional<String> ask() throws Exception;
    }

    private final ServiceHooks hooks;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration timeout;
    private final Runnable changed;
    private final ExecutorService pool;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<?>> running = new ConcurrentHashMap<>();
    /** Bumped by {@link #forget}: an answer to a question asked before is dropped. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    HookVerdicts(String service, ServiceHooks hooks, Clock clock, Duration maxAge, Duration timeout, Runnable changed) {
        this.hooks = hooks;
        this.clock = clock;
        this.maxAge = maxAge;
        this.timeout = timeout;
        this.changed = changed;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hooks-" + service);
            t.setDaemon(true);
            return t;
        });
    }

    boolean active() {
        return hooks != ServiceHooks.NONE;
    }

    Optional<String> notReady(String instance, Supplier<HookContext> context) {
        return verdict("ready:" + instance, () -> hooks.notReady(context.get(), instance)).orElse(CHECKING);
    }

    /**
     * Whether the package holds the instance's stop back. Only an answer asked after {@code notBefore}
     * (the service's latest task change) counts: "safe to stop" from before another node went down
     * would let two go down at once.
     */
    Optional<String> stopBlocked(String instance, Supplier<HookContext> context, Instant notBefore) {
        return verdict("stop:" + instance, () -> hooks.stopBlocked(context.get(), instance), notBefore).orElse(CHECKING);
    }

    /**
     * Whether the instance should roll after the others: empty while the package is still being asked,
     * else the answer (a reason when it goes last). Without hooks, never.
     */
    Optional<Optional<String>> rollLast(String instance, Supplier<HookContext> context) {
        return verdict("last:" + instance, () -> hooks.rollLast(context.get(), instance));
    }

    /** How the instance's decommission goes: empty once the database has let it go, else what it waits for. */
    Optional<String> decommission(String instance, Supplier<HookContext> context) {
        String key = "decommission:" + instance;
        Verdict done = verdicts.get(key);
        if (done != null && done.answer().isEmpty()) {
            return Optional.empty(); // done is final: the instance has left
        }
        return verdict(key, () -> hooks.decommission(context.get(), instance)).orElse(CHECKING);
    }

    /** How the package's action goes: empty while it is first asked, else empty when done or what it waits for. */
    Optional<Optional<String>> action(String plan, String action, Supplier<HookContext> context) {
        String key = "action:" + plan + ":" + action;
        Verdict done = verdicts.get(key);
        if (done != null && done.answer().isEmpty()) {
            return Optional.of(done.answer()); // done is final: a finished action is not run again
        }
        return verdict(key, () -> hooks.runAction(context.get(), action));
    }

    /** Forgets how an action went (its plan was replaced, or it is run again). */
    void forgetAction(String plan, String action) {
        verdicts.remove("action:" + plan + ":" + action);
    }

    /**
     * Forgets an instance's verdicts (it is being relaunched: what held for the old task says nothing
     * about the new one), including answers to questions still being asked about the old task.
     */
    void forget(String instance) {
        for (String key : List.of("ready:" + instance, "stop:" + instance, "last:" + instance, "decommission:" + instance)) {
            generations.merge(key, 1L, Long::sum);
            verdicts.remove(key);
        }
    }

    private static final Optional<String> CHECKING = Optional.of("checking with the package");

    /** The latest answer to a question, or empty while the first is still being asked. */
    private Optional<Optional<String>> verdict(String key, Question question) {
        return verdict(key, question, Instant.MIN);
    }

    private Optional<Optional<String>> verdict(String key, Question question, Instant notBefore) {
        if (!active()) {
            return Optional.of(Optional.empty());
        }
        Verdict known = verdicts.get(key);
        Verdict v = known != null && known.askedAt().isBefore(notBefore) ? null : known;
        if ((v == null || v.at().plus(maxAge).isBefore(clock.instant())) && !running.containsKey(key)) {
            long generation = generations.getOrDefault(key, 0L);
            Instant askedAt = clock.instant();
            CompletableFuture<Optional<String>> f = CompletableFuture.supplyAsync(() -> {
                try {
                    return question.ask();
                } catch (Exception e) {
                    return Optional.of("the package's check failed: " + e.getMessage());
                }
            }, pool).completeOnTimeout(Optional.of("the package's check did not answer within "
                    + timeout.toSeconds() + "s"), timeout.toMillis(), TimeUnit.MILLISECONDS);
            running.put(key, f);
            f.thenAccept(answer -> {
                running.remove(key);
                if (generations.getOrDefault(key, 0L) != generation) {
                    return; // asked about a task that has since been relaunched
                }
                Verdict before = verdicts.put(key, new Verdict(answer, clock.instant(), askedAt));
                if (before == null || !before.answer().equals(answer)) {
                    LOG.debugf("hook %s: %s", key, answer.orElse("ok"));
                    changed.run();
                }
            });
        }
        return v == null ? Optional.empty() : Optional.of(v.answer());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
