package dev.berth.core.agent;

import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.TaskFileAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The agent's side of a read of a task's file: the master's {@link AgentCommand.ReadFile} is read by
 * {@link TaskFileReader} off the poll thread (one at a time is plenty for people reading logs) and the piece is
 * posted back to {@code /v1/agent/{id}/files/{requestId}}. A task the runner forgot (ended long ago) is read from
 * its sandbox while the sandbox is still on disk.
 */
final class AgentFileReads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentFileReads.class);

    private final JsonHttp http;
    private final Supplier<String> agentId;
    private final Supplier<TaskRunner> runner;
    private final Path workDir;
    private final String name;
    private final ExecutorService reader;

    AgentFileReads(JsonHttp http, Supplier<String> agentId, Supplier<TaskRunner> runner, Path workDir, String name) {
        this.http = http;
        this.agentId = agentId;
        this.runner = runner;
        this.workDir = workDir;
        this.name = name;
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "files-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void answer(AgentCommand.ReadFile command) {
        reader.execute(() -> answerNow(command));
    }

    private void answerNow(AgentCommand.ReadFile command) {
        String taskId = command.read().taskId();
        TaskRunner tasks = runner.get();
        Path sandbox = tasks.sandbox(taskId).map(Sandbox::dir).orElseGet(() -> Sandbox.of(workDir, taskId).dir());
        List<Path> volumes = tasks.launchOf(taskId).map(l -> l.volumes().stream().map(MountedVolume::hostPath).toList())
                .orElse(List.of());
        TaskFileAnswer answer = Files.isDirectory(sandbox)
                ? TaskFileReader.read(sandbox, volumes, command.read())
                : TaskFileAnswer.missing("agent " + agentId.get() + " has no sandbox for task " + taskId);
        try {
            http.post("/v1/agent/" + agentId.get() + "/files/" + command.requestId(), answer, Void.class, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.debugf("agent %s: the answer to file read %s was not delivered: %s", name, command.requestId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
