package dev.berth.cassandra;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The long operations the hooks start on nodes, each on a daemon thread of its own, by key
 * ({@code cleanup-nodes-0-2:node-1}, {@code decommission:node-3}). A hook call must answer within the
 * scheduler's hook timeout while these last seconds to hours, so one call starts a job and the later
 * calls ask how it goes.
 *
 * <p>Kept by the service's hooks instance, so a restart of Berth loses them; what the hooks decide
 * from then rests on the node itself (a decommission shows in its operation mode) or on an operation
 * that finds nothing left to do when repeated (upgradesstables skips sstables already current).
 */
final class NodeJobs {
    /** The work of a job, telling what it is doing through {@code progress}. */
    interface Work {
        void run(Consumer<String> progress) throws Exception;
    }

    private final Clock clock;
    private final Map<String, AtomicReference<JobState>> jobs = new ConcurrentHashMap<>();

    NodeJobs(Clock clock) {
        this.clock = clock;
    }

    JobState state(String key) {
        AtomicReference<JobState> job = jobs.get(key);
        return job == null ? JobState.NONE : job.get();
    }

    /**
     * Starts {@code work} under {@code key} unless a job of that key still runs (then nothing starts:
     * a second upgradesstables or decommission of one node only competes with the first).
     *
     * @return the state of the job under the key now
     */
    synchronized JobState start(String key, String what, Work work) {
        JobState now = state(key);
        if (now.phase() == JobState.Phase.RUNNING) {
            return now;
        }
        AtomicReference<JobState> job = new AtomicReference<>(new JobState(JobState.Phase.RUNNING, what, clock.instant()));
        jobs.put(key, job);
        Thread t = new Thread(() -> {
            try {
                work.run(text -> job.set(new JobState(JobState.Phase.RUNNING, text, job.get().since())));
                job.set(new JobState(JobState.Phase.SUCCEEDED, what, clock.instant()));
            } catch (Exception | LinkageError e) {
                job.set(new JobState(JobState.Phase.FAILED, reason(e), clock.instant()));
            }
        }, "cassandra-" + key);
        t.setDaemon(true);
        t.start();
        return job.get();
    }

    /** Forgets every finished job whose key starts with {@code prefix}: their action is done, a later one starts afresh. */
    synchronized void forgetAll(String prefix) {
        jobs.keySet().removeIf(k -> k.startsWith(prefix) && jobs.get(k).get().phase() != JobState.Phase.RUNNING);
    }

    /** Forgets the job of {@code key} once it finished. */
    synchronized void forget(String key) {
        jobs.computeIfPresent(key, (k, job) -> job.get().phase() == JobState.Phase.RUNNING ? job : null);
    }

    /**
     * What went wrong, as Cassandra said it: JMX wraps what the node threw (its refusal to decommission
     * below a keyspace's replication factor) in MBeanException, RuntimeMBeanException…, unwrapped here;
     * the package's own errors (a node not listening) keep the node they name.
     */
    static String reason(Throwable e) {
        Throwable said = e;
        while (said.getCause() != null && said.getCause() != said && isWrapper(said)) {
            said = said.getCause();
        }
        return said.getMessage() == null || said.getMessage().isBlank() ? said.getClass().getSimpleName()
                : said.getClass().getSimpleName() + ": " + said.getMessage();
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof javax.management.MBeanException || t instanceof javax.management.RuntimeMBeanException
                || t instanceof javax.management.ReflectionException || t instanceof javax.management.RuntimeErrorException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.util.concurrent.ExecutionException;
    }
}
