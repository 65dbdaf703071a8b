package dev.berth.core.sdk.state;

import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.InstanceIntents;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's durable state: its framework id, its configurations (target and history), where each
 * pod instance lives, what it still means to do with each, its tasks, and its plans. Every write is durable when the call returns, so a
 * framework that restarts (or a master that fails over) resumes where it stopped.
 */
public interface StateStore {
    Optional<String> frameworkId();

    void storeFrameworkId(String id);

    /** The configurations, oldest first; the last is the target. */
    List<ServiceTarget> configs();

    void storeConfig(ServiceTarget target);

    Map<String, PodInstanceRecord> podInstances();

    void storePodInstance(PodInstanceRecord record);

    void removePodInstance(String name);

    Map<String, TaskRecord> tasks();

    void storeTask(TaskRecord record);

    void removeTask(String name);

    /** What the service still means to do with each pod instance (restart, replace, backoff, absence). */
    Map<String, InstanceIntents> intents();

    /** Keeps the intents of one instance; an empty one ({@link InstanceIntents#isEmpty}) is removed instead. */
    void storeIntents(InstanceIntents intents);

    Map<String, Plan> plans();

    void storePlan(Plan plan);

    /** The service's secrets (see {@link dev.berth.core.pkg.SecretSpec}); none before install. */
    Secrets secrets();

    /** Keeps a secret; durable on return, like every write. */
    void storeSecret(String name, String value);

    /**
     * The certificate authority of the cluster, which every service's TLS tasks share: made on first use and
     * kept for good (a CA that changed would leave running nodes with certificates their clients no longer trust).
     */
    dev.berth.core.tls.CertificateAuthority certificateAuthority();

    /** Removes everything of the service (uninstall, at the very end). */
    void clear();

    /**
     * Reads the whole state at once where that saves round trips, to answer the reads that follow until the
     * store's first write (a master resuming the service reads everything before it writes anything).
     */
    default StateStore prefetch() {
        return this;
    }

    default Optional<ServiceTarget> target() {
        List<ServiceTarget> all = configs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
