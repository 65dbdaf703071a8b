package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a service's hooks off the scheduler's thread and keeps their latest verdicts. The scheduler
 * asks for a verdict and gets the last one known (or "checking" the first time); a verdict older than
 * {@code maxAge} is asked again, and when a new one differs the scheduler is told, so a waiting step
 * moves as soon as the database says it may. A wait ("not in sync yet") is what a roll spends its time
 * on, and the database's state moves in a fraction of a second: a wait is stale after a short backoff
 * ({@value #RECHECK_FIRST_MS} ms, growing by half each time up to {@value #RECHECK_MAX_MS} ms) instead
 * of {@code maxAge}, and once stale the scheduler is told to look again, which asks it anew. A hook
 * that throws or overruns its timeout counts as a wait, with the reason.
 *
 * <p>Hooks talk to databases and may hang. They run on a small pool of {@value #POOL} threads; a
 * question still being answered is never asked a second time, and one that overruns its timeout is
 * interrupted and stays "in flight" until its call really returns, so a hung database costs one
 * thread per question, not a new one every few seconds.
 */
final class HookVerdicts implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HookVerdicts.class);
    /** Hook calls of one service at once; more wait their turn (each kind of question is asked once at a time). */
    static final int POOL = 4;
    private static final Verdict CHECKING = Verdict.waiting("checking with the package");
    /** How soon a first wait is asked again; each further wait in a row waits half as long again. */
    static final long RECHECK_FIRST_MS = 100;
    /** The longest a wait is kept before it is asked again (a step blocked for minutes costs a call a second). */
    static final long RECHECK_MAX_MS = 1000;

    /** A verdict, when it came, when its question was asked, and how long it counts as fresh. */
    private record Known(Verdict verdict, Instant at, Instant askedAt, Duration freshFor) {
        boolean stale(Instant now) {
            return at.plus(freshFor).isBefore(now);
        }
    }

    /** A question to a hook, by kind and pod instance, about the service as {@code context} shows it. */
    interface Question {
        Verdict ask(HookContext context) throws Exception;
    }

    private final ServiceHooks hooks;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration timeout;
    private final Runnable changed;
    private final BiConsumer<String, Duration> timed;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Map<String, Known> verdicts = new ConcurrentHashMap<>();
    /** Questions whose hook call has not returned yet, by key: never asked twice at once. */
    private final Map<String, FutureTask<Void>> inFlight = new ConcurrentHashMap<>();
    /** When a task of the service last changed state (read on the service loop only). */
    private Instant lastTaskChange = Instant.MIN;
    /** Bumped by {@link #forget} and {@link #forgetAction}: an answer to a question asked before is dropped. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    /** Waits in a row per question, for its backoff; gone once it answers ready or is forgotten. */
    private final Map<String, Integer> waitsInARow = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    HookVerdicts(String service, ServiceHooks hooks, Clock clock, Duration maxAge, Duration timeout, Runnable changed) {
        this(service, hooks, clock, maxAge, timeout, (question, took) -> { }, changed);
    }

    /** @param timed told how long each hook call took, by question ({@code ready}, {@code stop}, …) */
    HookVerdicts(String service, ServiceHooks hooks, Clock clock, Duration maxAge, Duration timeout,
                 BiConsumer<String, Duration> timed, Runnable changed) {
        this.timed = timed;
        this.hooks = hooks;
        this.clock = clock;
        this.maxAge = maxAge;
        this.timeout = timeout;
        this.changed = changed;
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "hooks-" + service);
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(POOL, POOL, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    ServiceHooks hooks() {
        return hooks;
    }

    boolean active() {
        return hooks != ServiceHooks.NONE;
    }

    Verdict ready(String instance, Supplier<HookContext> context) {
        return verdict("ready:" + instance, context, c -> hooks.ready(c, instance)).orElse(CHECKING);
    }

    /**
     * Whether the package lets the instance stop. Only an answer asked after the service's latest task
     * change ({@link #taskChanged}) counts: "safe to stop" from before another node went down would let
     * two go down at once.
     */
    Verdict mayStop(String instance, Supplier<HookContext> context) {
        return verdict("stop:" + instance, context, c -> hooks.mayStop(c, instance), lastTaskChange).orElse(CHECKING);
    }

    /** A task of the service changed state: stop verdicts asked before now are stale. */
    void taskChanged() {
        lastTaskChange = clock.instant();
    }

    /**
     * Whether the instance rolls in its turn (ready) or after the others (a wait, with why); empty while
     * the package is still being asked. Without hooks, in its turn.
     */
    Optional<Verdict> rollsInTurn(String instance, Supplier<HookContext> context) {
        return verdict("last:" + instance, context, c -> hooks.rollsInTurn(c, instance));
    }

    /** How the instance's decommission goes: ready once the database has let it go, else what it waits for. */
    Verdict decommission(String instance, Supplier<HookContext> context) {
        String key = "decommission:" + instance;
        Known done = verdicts.get(key);
        if (done != null && done.verdict().isReady()) {
            return done.verdict(); // done is final: the instance has left
        }
        return verdict(key, context, c -> hooks.decommission(c, instance)).orElse(CHECKING);
    }

    /** How the package's action goes: empty while it is first asked, else ready when done or what it waits for. */
    Optional<Verdict> action(String plan, String action, Supplier<HookContext> context) {
        String key = actionKey(plan, action);
        Known done = verdicts.get(key);
        if (done != null && done.verdict().isReady()) {
            return Optional.of(done.verdict()); // done is final: a finished action is not run again
        }
        return verdict(key, context, c -> hooks.runAction(c, action));
    }


    /**
     * Forgets how an action went (its plan was replaced, or it is run again), including an answer still
     * on its way: the replaced update's "done" must not complete the step that takes its place.
     */
    void forgetAction(String plan, String action) {
        forgetKey(actionKey(plan, action));
    }

    /**
     * Forgets an instance's verdicts (it is being relaunched: what held for the old task says nothing
     * about the new one), including answers to questions still being asked about the old task.
     */
    void forget(String instance) {
        for (String key : List.of("ready:" + instance, "stop:" + instance, "last:" + instance, "decommission:" + instance)) {
            forgetKey(key);
        }
    }

    /** Hook calls running or waiting for a thread now (for tests and diagnostics). */
    int callsInFlight() {
        return inFlight.size();
    }

    private void forgetKey(String key) {
        synchronized (generations) {
            generations.merge(key, 1L, Long::sum);
            verdicts.remove(key);
            waitsInARow.remove(key);
        }
    }

    private static String actionKey(String plan, String action) {
        return "action:" + plan + ":" + action;
    }

    /** The latest answer to a question, or empty while the first is still being asked. */
    private Optional<Verdict> verdict(String key, Supplier<HookContext> context, Question question) {
        return verdict(key, context, question, Instant.MIN);
    }

    /**
     * The latest answer asked after {@code notBefore}, or empty while none is known; asks anew when it is
     * missing or older than maxAge. {@code context} is read here, on the caller's thread (the service
     * loop, which owns the state it is made of), and handed to the hook's thread as a copy.
     */
    private Optional<Verdict> verdict(String key, Supplier<HookContext> context, Question question, Instant notBefore) {
        if (!active()) {
            return Optional.of(Verdict.ready());
        }
        Known known = verdicts.get(key);
        Known usable = known != null && known.askedAt().isBefore(notBefore) ? null : known;
        if ((usable == null || usable.stale(clock.instant())) && !inFlight.containsKey(key)) {
            ask(key, context.get(), question);
        }
        return usable == null ? Optional.empty() : Optional.of(usable.verdict());
    }

    private synchronized void ask(String key, HookContext context, Question question) {
        if (inFlight.containsKey(key)) {
            return;
        }
        long generation = generations.getOrDefault(key, 0L);
        Instant askedAt = clock.instant();
        AtomicBoolean started = new AtomicBoolean();
        FutureTask<Void> call = new FutureTask<>(() -> {
            started.set(true);
            try {
                long began = System.nanoTime();
                Verdict answer = answer(question, context);
                timed.accept(key.substring(0, key.indexOf(':')), Duration.ofNanos(System.nanoTime() - began));
                record(key, generation, askedAt, answer);
            } finally {
                leave(key);
            }
            return null;
        }) {
            @Override
            protected void done() {
                if (isCancelled() && !started.get()) {
                    leave(key); // timed out before a thread took it: it never runs
                }
            }
        };
        inFlight.put(key, call);
        pool.execute(call);
        timer.schedule(() -> {
            if (!call.isDone()) {
                record(key, generation, askedAt, Verdict.waiting("the package's check did not answer within "
                        + timeout.toSeconds() + "s"));
                call.cancel(true); // a running call is interrupted and leaves the flight when it returns
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void leave(String key) {
        inFlight.remove(key);
    }

    private static Verdict answer(Question question, HookContext context) {
        try {
            Verdict v = question.ask(context);
            return v == null ? Verdict.waiting("the package's check answered nothing") : v;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.waiting("the package's check was interrupted");
        } catch (Exception e) {
            return Verdict.waiting("the package's check failed: " + e.getMessage());
        }
    }

    private void record(String key, long generation, Instant askedAt, Verdict verdict) {
        Known before;
        Known now;
        // the generation is checked and the verdict kept in one step: a forget between the two (a task
        // relaunched on the service loop while the hook's answer about the old one comes in) would
        // otherwise let the old answer stand for the new task
        synchronized (generations) {
            if (generations.getOrDefault(key, 0L) != generation) {
                return; // asked about a task (or an update) that has since been replaced
            }
            now = new Known(verdict, clock.instant(), askedAt, freshFor(key, verdict));
            before = verdicts.put(key, now);
        }
        if (before == null || !before.verdict().equals(verdict)) {
            LOG.debugf("hook %s: %s", key, verdict);
            changed.run();
        }
        if (!verdict.isReady()) {
            recheckAfter(key, now);
        }
    }

    /** How long an answer counts: a ready one {@code maxAge}; a wait, its backoff (the more waits in a row, the longer). */
    private Duration freshFor(String key, Verdict verdict) {
        if (verdict.isReady()) {
            waitsInARow.remove(key);
            return maxAge;
        }
        return recheckDelay(waitsInARow.merge(key, 1, Integer::sum), maxAge);
    }

    /** The backoff after the {@code n}th wait in a row (1 for the first): 100 ms, 150 ms, 225 ms, … up to the cap. */
    static Duration recheckDelay(int n, Duration maxAge) {
        double ms = RECHECK_FIRST_MS * Math.pow(1.5, Math.min(n, 20) - 1);
        return Duration.ofMillis((long) Math.min(ms, Math.min(RECHECK_MAX_MS, maxAge.toMillis())));
    }

    /**
     * Once the wait {@code known} is stale, tells the scheduler to look again, which asks anew whoever
     * still wants the answer; nothing if by then another answer (or a forget) has taken its place.
     */
    private void recheckAfter(String key, Known known) {
        try {
            timer.schedule(() -> {
                if (verdicts.get(key) == known) {
                    changed.run();
                }
            }, known.freshFor().toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: nobody asks any more
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return; // an uninstall closes it, and then the scheduler's close again
        }
        pool.shutdownNow();
        timer.shutdownNow();
        try {
            hooks.close();
        } catch (RuntimeException e) {
            LOG.warnf("the package's hooks did not close cleanly: %s", e.getMessage());
        }
    }
}
