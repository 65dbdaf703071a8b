package dev.berth.core.agent;

import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.volumes.ApparentSize;
import dev.berth.volumes.StoredVolume;
import dev.berth.volumes.VolumeStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Measures the agent's running tasks (memory, CPU time, sandbox disk) and its persistent volumes
 * (disk used) every few seconds and sends the figures to the master, which shows them in
 * {@code berth tasks} and {@code berth volumes}. A lost report is simply replaced by the next.
 */
final class UsageReporter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UsageReporter.class);

    private final TaskRunner runner;
    private final VolumeStore volumes;
    private final JsonHttp http;
    private final Supplier<String> agentId;
    private final ScheduledExecutorService timer;

    UsageReporter(TaskRunner runner, VolumeStore volumes, JsonHttp http, Supplier<String> agentId, String name) {
        this.runner = runner;
        this.volumes = volumes;
        this.http = http;
        this.agentId = agentId;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usage-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::report, 2_000, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    AgentUsage measure() {
        List<AgentUsage.TaskUsage> tasks = new ArrayList<>();
        for (TaskStatus s : runner.statuses()) {
            if (!s.state().isTerminal()) {
                runner.usage(s.taskId()).ifPresent(u -> tasks.add(new AgentUsage.TaskUsage(u.taskId(), u.memoryBytes(),
                        u.cpuTime().toMillis() / 1000.0, u.sandboxDiskBytes())));
            }
        }
        List<AgentUsage.VolumeUsage> vols = new ArrayList<>();
        try {
            for (StoredVolume v : volumes.list()) {
                vols.add(new AgentUsage.VolumeUsage(v.id().value(), v.role().name(), ApparentSize.of(v.path())));
            }
        } catch (IOException e) {
            LOG.debugf("volume usage not measured: %s", e.getMessage());
        }
        return new AgentUsage(tasks, vols, Instant.now());
    }

    private void report() {
        String id = agentId.get();
        if (id == null) {
            return;
        }
        try {
            http.post("/v1/agent/" + id + "/usage", measure(), Void.class, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.debugf("usage report not delivered: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
