package dev.berth.core.sdk.hooks;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The long operations a package's hooks start, each on a daemon thread of its own, by key
 * ({@code cleanup-nodes-0-2:node-1}, {@code decommission:node-3}, {@code spread-partitions}). A hook call
 * must answer within the scheduler's hook timeout while these last seconds to hours, so one call starts a
 * job and the later calls ask how it goes ({@link #state}, {@link #follow}, {@link #run}).
 *
 * <p>Kept by the service's hooks instance (one per service for its scheduler's life), so a restart of
 * Berth loses them; what the hooks decide from then must rest on the database itself (a decommission
 * shows in the node's operation mode, a partition move in the cluster's reassignments) or on an
 * operation that finds nothing left to do when repeated (upgradesstables skips sstables already current).
 */
public final class HookJobs {
    /** The work of a job, telling what it is doing through {@code progress}. */
    public interface Work {
        void run(Consumer<String> progress) throws Exception;
    }

    private final Clock clock;
    private final String threadPrefix;
    private final Function<Throwable, String> reason;
    private final Map<String, AtomicReference<JobState>> jobs = new ConcurrentHashMap<>();

    /**
     * @param threadPrefix names the jobs' threads ({@code cassandra} gives {@code cassandra-decommission:node-3})
     * @param reason       what a failure says in the job's state: the package may unwrap what its client
     *                     library wraps (JMX's MBeanException) to show what the database said
     */
    public HookJobs(Clock clock, String threadPrefix, Function<Throwable, String> reason) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Jobs whose failures say {@link #reason(Throwable)}. */
    public HookJobs(Clock clock, String threadPrefix) {
        this(clock, threadPrefix, HookJobs::reason);
    }

    public JobState state(String key) {
        AtomicReference<JobState> job = jobs.get(key);
        return job == null ? JobState.NONE : job.get();
    }

    /**
     * Starts {@code work} under {@code key} unless a job of that key still runs (then nothing starts:
     * a second upgradesstables or decommission of one node only competes with the first).
     *
     * @return the state of the job under the key now
     */
    public synchronized JobState start(String key, String what, Work work) {
        JobState now = state(key);
        if (now.phase() == JobState.Phase.RUNNING) {
            return now;
        }
        AtomicReference<JobState> job = new AtomicReference<>(JobState.running(what, clock.instant()));
        jobs.put(key, job);
        Thread t = new Thread(() -> {
            try {
                work.run(text -> job.set(JobState.running(text, job.get().since())));
                job.set(JobState.succeeded(what, clock.instant()));
            } catch (Exception | LinkageError e) {
                job.set(JobState.failed(reason.apply(e), clock.instant()));
            }
        }, threadPrefix + "-" + key);
        t.setDaemon(true);
        t.start();
        return job.get();
    }

    /** Forgets every finished job whose key starts with {@code prefix}: their action is done, a later one starts afresh. */
    public synchronized void forgetAll(String prefix) {
        jobs.keySet().removeIf(k -> k.startsWith(prefix) && jobs.get(k).get().phase() != JobState.Phase.RUNNING);
    }

    /** Forgets the job of {@code key} once it finished. */
    public synchronized void forget(String key) {
        jobs.computeIfPresent(key, (k, job) -> job.get().phase() == JobState.Phase.RUNNING ? job : null);
    }

    /**
     * Carries out a decision about the job under {@code key}: on {@code DONE} forgets the job and answers
     * ready; on {@code START} starts {@code work}; on {@code WAIT} and {@code START} answers waiting with
     * the decision's message.
     */
    public Verdict follow(String key, JobDecision decision, Work work) {
        switch (decision.kind()) {
            case DONE:
                forget(key);
                return Verdict.ready();
            case START:
                start(key, decision.message(), work);
                return Verdict.waiting(decision.message());
            default:
                return Verdict.waiting(decision.message());
        }
    }

    /**
     * One job of the whole service under {@code key}, for a hook called again until it is done: started on
     * the first call, reported while it runs, started again {@code retryAfter} after a failure, ready (and
     * forgotten, so that a later action of that name runs afresh) once it succeeded.
     *
     * @param what what the job is, for messages ({@code spread-partitions})
     */
    public Verdict run(String key, String what, Duration retryAfter, Work work) {
        return follow(key, JobDecision.of(state(key), "", what, "", clock.instant(), retryAfter), work);
    }

    /**
     * Work that asks {@code step} until it answers empty (nothing left to do), reporting each answer as
     * its progress and pausing {@code pause} between asks: for an operation the database carries out by
     * itself once asked (Kafka moves partitions), which the step asks for and then watches.
     */
    public static Work repeat(Callable<Optional<String>> step, Duration pause) {
        return progress -> {
            for (Optional<String> going = step.call(); going.isPresent(); going = step.call()) {
                progress.accept(going.get());
                Thread.sleep(pause.toMillis());
            }
        };
    }

    /** What went wrong: the exception's class and message ({@code IOException: …}), or its class alone. */
    public static String reason(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
