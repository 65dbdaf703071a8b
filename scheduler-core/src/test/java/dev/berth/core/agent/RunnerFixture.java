package dev.berth.core.agent;

import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * An agent's task runtime for tests: work directory, checkpoint, isolation (probed, as an agent
 * does, unless one is given) and runner with short intervals. {@link #restart()} simulates an agent
 * restart: the runner and checkpoint are closed WITHOUT killing tasks and opened again.
 * {@link #close()} stops every process group any task of the fixture ran (TERM, then KILL) and
 * removes the fixture's cgroups.
 */
final class RunnerFixture implements AutoCloseable {
    final Path workDir;
    final String agentName;
    final Isolation isolation;
    private final SandboxLimits limits;
    StatusRecorder statuses = new StatusRecorder();
    AgentCheckpoint checkpoint;
    TaskRunner runner;
    private final Set<Long> processGroups = new LinkedHashSet<>();
    private final Set<StatusRecorder> recorders = new LinkedHashSet<>();

    RunnerFixture(Path workDir) {
        this(workDir, (Isolation) null);
    }

    RunnerFixture(Path workDir, Isolation isolation) {
        this(workDir, newAgentName(), isolation);
    }

    RunnerFixture(Path workDir, String agentName, Isolation isolation) {
        this(workDir, agentName, isolation, null);
    }

    /** A runtime whose runner keeps sandboxes under {@code limits} (the defaults when null). */
    RunnerFixture(Path workDir, SandboxLimits limits) {
        this(workDir, newAgentName(), null, limits);
    }

    private RunnerFixture(Path workDir, String agentName, Isolation isolation, SandboxLimits limits) {
        this.workDir = workDir;
        this.agentName = agentName;
        this.isolation = isolation != null ? isolation : Isolations.probe(agentName, CpuLimit.QUOTA);
        this.limits = limits;
        open();
    }

    static String newAgentName() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void open() {
        recorders.add(statuses);
        checkpoint = AgentCheckpoint.open(workDir);
        runner = TaskRunner.start(new TaskRunnerConfig(workDir, Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofSeconds(10), limits), checkpoint, isolation, statuses);
    }

    /** Closes runner and checkpoint (tasks keep running), then opens both again with a new recorder. */
    void restart() {
        stopRunner();
        reopen();
    }

    /** Opens checkpoint and runner again after {@link #stopRunner()}; statuses go to a new recorder. */
    void reopen() {
        statuses = new StatusRecorder();
        open();
    }

    void stopRunner() {
        rememberGroups();
        runner.close();
        checkpoint.close();
    }

    TaskStatus launch(TaskLaunch launch) {
        TaskStatus status = runner.launch(launch);
        rememberGroups();
        return status;
    }

    TaskLaunch.Builder task(String id, String command) {
        return TaskLaunch.builder(id, command).killGracePeriod(Duration.ofSeconds(1));
    }

    private void rememberGroups() {
        for (StatusRecorder r : recorders) {
            r.all().forEach(s -> s.pid().ifPresent(processGroups::add));
        }
    }

    @Override
    public void close() {
        rememberGroups();
        try {
            runner.close();
            checkpoint.close();
        } catch (RuntimeException e) {
            // already closed by the test
        }
        for (long pgid : processGroups) {
            stopGroup(pgid);
        }
        isolation.removeOrphans(Set.of());
        isolation.removeAgentHierarchy();
    }

    /** TERM to the group, a short grace, then KILL; waits until no live member is left. */
    static void stopGroup(long pgid) {
        if (!groupAlive(pgid)) {
            return;
        }
        Signals.group(pgid, Signals.Signal.TERM);
        try {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> !groupAlive(pgid));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Signals.group(pgid, Signals.Signal.KILL);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> !groupAlive(pgid));
        }
    }

    /**
     * True while a process of the group has not ended. Zombies do not count: orphans are reaped by
     * init, which on some machines takes a second or more.
     */
    static boolean groupAlive(long pgid) {
        return ProcessTable.all().stream().anyMatch(s -> s.pgrp() == pgid && !s.ended());
    }
}
