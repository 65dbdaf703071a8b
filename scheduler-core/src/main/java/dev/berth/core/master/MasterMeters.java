package dev.berth.core.master;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master's meters, as an SRE graphs them ({@code /q/metrics}): offers sent, declined and rescinded,
 * operations applied and refused by type, the allocation cycle's time, agents by state, tasks by state
 * per service, each task's and volume's use as its agent measured it, status retries, ZooKeeper writes. One per process: its counters run across the terms this master leads, and the gauges show
 * nothing while it stands by.
 */
public final class MasterMeters {
    private final MeterRegistry registry;
    private final Counter offersSent;
    private final Counter offersDeclined;
    private final Counter offersRescinded;
    private final Timer allocationCycle;
    private final Counter statusRetries;
    private final Timer zooKeeperWrites;
    private final MultiGauge agents;
    private final MultiGauge tasks;
    private final MultiGauge taskMemory;
    private final MultiGauge taskCpu;
    private final MultiGauge taskSandbox;
    private final MultiGauge volumeUsed;

    public MasterMeters(MeterRegistry registry) {
        this.registry = registry;
        this.offersSent = Counter.builder("berth.offers.sent").description("offers sent to frameworks").register(registry);
        this.offersDeclined = Counter.builder("berth.offers.declined").description("offers frameworks declined")
                .register(registry);
        this.offersRescinded = Counter.builder("berth.offers.rescinded")
                .description("offers the master took back (agent or framework gone, or unanswered)").register(registry);
        this.allocationCycle = Timer.builder("berth.allocation.cycle").description("one allocation cycle of the master")
                // a few buckets, from a small cluster's cycle to a large one's (bench/README.md: 250 ms at 10,000 agents)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
                .register(registry);
        this.statusRetries = Counter.builder("berth.status.retries")
                .description("status updates sent again to a framework that had not acknowledged them").register(registry);
        this.zooKeeperWrites = Timer.builder("berth.zookeeper.writes")
                .description("writes of the registry and the services' state, each one ZooKeeper transaction")
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(2))
                .register(registry);
        this.taskMemory = MultiGauge.builder("berth.task.memory").baseUnit("bytes")
                .description("a task's memory, as its agent measured it").register(registry);
        this.taskCpu = MultiGauge.builder("berth.task.cpu").baseUnit("seconds")
                .description("the CPU time a task has used so far, as its agent measured it").register(registry);
        this.taskSandbox = MultiGauge.builder("berth.task.sandbox").baseUnit("bytes")
                .description("a task's sandbox on its agent's disk").register(registry);
        this.volumeUsed = MultiGauge.builder("berth.volume.used").baseUnit("bytes")
                .description("what a persistent volume holds").register(registry);
        this.agents = MultiGauge.builder("berth.agents").description("agents by state").register(registry);
        this.tasks = MultiGauge.builder("berth.tasks").description("tasks by state, per service (framework name)")
                .register(registry);
    }

    /** Meters that go nowhere, for masters in tests. */
    public static MasterMeters none() {
        return new MasterMeters(new SimpleMeterRegistry());
    }

    void offerSent() {
        offersSent.increment();
    }

    void offerDeclined() {
        offersDeclined.increment();
    }

    void offerRescinded() {
        offersRescinded.increment();
    }

    void operation(String type, boolean applied) {
        registry.counter("berth.operations", "type", type, "result", applied ? "applied" : "refused").increment();
    }

    /** A status update went to its framework again: the last one was not acknowledged in time. */
    void statusRetry() {
        statusRetries.increment();
    }

    /** A write to ZooKeeper (one transaction through the leader's fence) took {@code d}. */
    public void zooKeeperWrite(Duration d) {
        zooKeeperWrites.record(d);
    }

    void allocationTook(Duration d) {
        allocationCycle.record(d);
    }

    /** Reads the counts from the master's state, on its loop (every second); the gauges show them till the next. */
    void refresh(MasterState state) {
        Map<String, Integer> byStatus = new TreeMap<>();
        for (AgentRecord.Status s : AgentRecord.Status.values()) {
            byStatus.put(s.name(), 0);
        }
        state.agents.values().forEach(a -> byStatus.merge(a.status.name(), 1, Integer::sum));
        List<MultiGauge.Row<?>> agentRows = new ArrayList<>();
        byStatus.forEach((s, n) -> agentRows.add(MultiGauge.Row.of(Tags.of("state", s), n)));
        agents.register(agentRows, true);

        Map<List<String>, Integer> byServiceAndState = new TreeMap<>((a, b) -> (a.get(0) + "\0" + a.get(1)).compareTo(b.get(0) + "\0" + b.get(1)));
        for (MasterTask t : state.tasks.values()) {
            FrameworkRecord f = state.frameworks.get(t.frameworkId);
            String service = f == null ? "" : f.info.name();
            byServiceAndState.merge(List.of(service, t.latest.state().name()), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> taskRows = new ArrayList<>();
        byServiceAndState.forEach((k, n) -> taskRows.add(MultiGauge.Row.of(Tags.of("service", k.get(0), "state", k.get(1)), n)));
        tasks.register(taskRows, true);
        refreshUsage(state);
    }

    /** Each task's use of memory, CPU and sandbox disk, and each volume's, as its agent last measured them. */
    private void refreshUsage(MasterState state) {
        List<MultiGauge.Row<?>> memory = new ArrayList<>();
        List<MultiGauge.Row<?>> cpu = new ArrayList<>();
        List<MultiGauge.Row<?>> sandbox = new ArrayList<>();
        List<MultiGauge.Row<?>> volumes = new ArrayList<>();
        for (AgentRecord agent : state.agents.values()) {
            for (var u : agent.usage.tasks()) {
                MasterTask t = state.tasks.get(u.taskId());
                if (t == null) {
                    continue;
                }
                FrameworkRecord f = state.frameworks.get(t.frameworkId);
                Tags tags = Tags.of("service", f == null ? "" : f.info.name(), "task", t.info.name(),
                        "agent", agent.info.id());
                memory.add(MultiGauge.Row.of(tags, u.memoryBytes()));
                cpu.add(MultiGauge.Row.of(tags, u.cpuSeconds()));
                sandbox.add(MultiGauge.Row.of(tags, u.sandboxBytes()));
            }
            for (var v : agent.usage.volumes()) {
                volumes.add(MultiGauge.Row.of(Tags.of("role", v.role(), "volume", v.persistenceId(),
                        "agent", agent.info.id()), v.bytes()));
            }
        }
        taskMemory.register(memory, true);
        taskCpu.register(cpu, true);
        taskSandbox.register(sandbox, true);
        volumeUsed.register(volumes, true);
    }

    /** The term ended: this master counts nothing any more. */
    void standBy() {
        for (MultiGauge g : List.of(agents, tasks, taskMemory, taskCpu, taskSandbox, volumeUsed)) {
            g.register(List.of(), true);
        }
    }
}
