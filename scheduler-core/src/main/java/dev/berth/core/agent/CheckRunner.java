package dev.berth.core.agent;

import dev.berth.core.protocol.CheckInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the readiness and health checks of running tasks: a shell command in the task's sandbox with
 * the task's environment, exit 0 = pass. Readiness runs until it passes once, then the task is
 * reported ready; health runs from then on, and {@code maxFailures} failures in a row get the task
 * killed with the reason. Checks run here, next to the task, so they see what the task sees.
 */
final class CheckRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CheckRunner.class);

    /** What the agent does with the outcome of a check. */
    interface Outcome {
        void ready(String taskId);

        void unhealthy(String taskId, String why);
    }

    private final String agent;
    private final ScheduledExecutorService timer;
    private final Outcome outcome;
    private final Map<String, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

    CheckRunner(String name, Outcome outcome) {
        this.agent = name;
        this.outcome = outcome;
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "checks-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the task's checks: readiness first when it has one, else health at once; as the task's user. */
    void watch(TaskLaunch launch, Sandbox sandbox, boolean alreadyReady) {
        stop(launch.taskId());
        CheckShell shell;
        try {
            shell = CheckShell.of(launch, sandbox, agent);
        } catch (IOException e) {
            outcome.unhealthy(launch.taskId(), "its checks cannot run: " + e.getMessage());
            return;
        }
        if (launch.readiness().isPresent() && !alreadyReady) {
            schedule(launch.taskId(), launch.readiness().get(), shell, new Readiness(launch, shell));
        } else {
            if (launch.readiness().isEmpty() && !alreadyReady) {
                outcome.ready(launch.taskId());
            }
            startHealth(launch, shell);
        }
    }

    private void startHealth(TaskLaunch launch, CheckShell shell) {
        launch.health().ifPresent(h -> schedule(launch.taskId(), h, shell, new Health(launch.taskId(), h)));
    }

    void stop(String taskId) {
        ScheduledFuture<?> f = running.remove(taskId);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void schedule(String taskId, CheckInfo check, CheckShell shell, Verdict verdict) {
        Runnable run = () -> {
            Result r = runOnce(check, shell);
            verdict.accept(r);
        };
        running.put(taskId, timer.scheduleWithFixedDelay(run, check.delay().toMillis(), check.interval().toMillis(),
                TimeUnit.MILLISECONDS));
    }

    record Result(boolean passed, String detail) {
    }

    private interface Verdict {
        void accept(Result r);
    }

    private final class Readiness implements Verdict {
        private final TaskLaunch launch;
        private final CheckShell shell;

        Readiness(TaskLaunch launch, CheckShell shell) {
            this.launch = launch;
            this.shell = shell;
        }

        @Override
        public void accept(Result r) {
            if (r.passed()) {
                stop(launch.taskId());
                outcome.ready(launch.taskId());
                startHealth(launch, shell);
            }
        }
    }

    private final class Health implements Verdict {
        private final String taskId;
        private final CheckInfo check;
        private int failures;

        Health(String taskId, CheckInfo check) {
            this.taskId = taskId;
            this.check = check;
        }

        @Override
        public void accept(Result r) {
            failures = r.passed() ? 0 : failures + 1;
            if (failures >= check.maxFailures()) {
                stop(taskId);
                outcome.unhealthy(taskId, "health check failed " + failures + " times in a row: " + r.detail());
            }
        }
    }

    /** Runs the check command once, bounded by its timeout; the process is killed if it overruns. */
    static Result runOnce(CheckInfo check, CheckShell shell) {
        ProcessBuilder pb = shell.process(check.cmd());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                long ms = check.timeout().toMillis();
                return new Result(false, "timed out after " + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms"));
            }
            String out = new String(p.getInputStream().readNBytes(2000)).trim();
            return new Result(p.exitValue() == 0, "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
        } catch (IOException e) {
            return new Result(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
