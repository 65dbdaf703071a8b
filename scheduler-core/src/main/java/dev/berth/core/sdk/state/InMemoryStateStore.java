package dev.berth.core.sdk.state;

import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.InstanceIntents;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A state store in memory: for the simulation harness and unit tests. */
public final class InMemoryStateStore implements StateStore {
    private String frameworkId;
    private final List<ServiceTarget> configs = new ArrayList<>();
    private final Map<String, PodInstanceRecord> pods = new TreeMap<>();
    private final Map<String, TaskRecord> tasks = new TreeMap<>();
    private final Map<String, InstanceIntents> intents = new TreeMap<>();
    private final Map<String, Plan> plans = new TreeMap<>();
    private final Map<String, String> secrets = new TreeMap<>();
    private dev.berth.core.tls.CertificateAuthority authority;

    @Override
    public synchronized Optional<String> frameworkId() {
        return Optional.ofNullable(frameworkId);
    }

    @Override
    public synchronized void storeFrameworkId(String id) {
        frameworkId = id;
    }

    @Override
    public synchronized List<ServiceTarget> configs() {
        return List.copyOf(configs);
    }

    @Override
    public synchronized void storeConfig(ServiceTarget target) {
        configs.removeIf(c -> c.id().equals(target.id()));
        configs.add(target);
    }

    @Override
    public synchronized Map<String, PodInstanceRecord> podInstances() {
        return Map.copyOf(pods);
    }

    @Override
    public synchronized void storePodInstance(PodInstanceRecord record) {
        pods.put(record.name(), record);
    }

    @Override
    public synchronized void removePodInstance(String name) {
        pods.remove(name);
    }

    @Override
    public synchronized Map<String, TaskRecord> tasks() {
        return Map.copyOf(tasks);
    }

    @Override
    public synchronized void storeTask(TaskRecord record) {
        tasks.put(record.name(), record);
    }

    @Override
    public synchronized void removeTask(String name) {
        tasks.remove(name);
    }

    @Override
    public synchronized Map<String, InstanceIntents> intents() {
        return Map.copyOf(intents);
    }

    @Override
    public synchronized void storeIntents(InstanceIntents i) {
        if (i.isEmpty()) {
            intents.remove(i.instance());
        } else {
            intents.put(i.instance(), i);
        }
    }

    @Override
    public synchronized Map<String, Plan> plans() {
        return Map.copyOf(plans);
    }

    @Override
    public synchronized void storePlan(Plan plan) {
        plans.put(plan.name(), plan);
    }

    @Override
    public synchronized Secrets secrets() {
        return new Secrets(secrets);
    }

    @Override
    public synchronized dev.berth.core.tls.CertificateAuthority certificateAuthority() {
        if (authority == null) {
            authority = SealedAuthority.create(java.time.Instant.now());
        }
        return authority;
    }

    @Override
    public synchronized void storeSecret(String name, String value) {
        secrets.put(name, value);
    }

    @Override
    public synchronized void clear() {
        frameworkId = null;
        configs.clear();
        pods.clear();
        intents.clear();
        tasks.clear();
        plans.clear();
        secrets.clear();
    }
}
