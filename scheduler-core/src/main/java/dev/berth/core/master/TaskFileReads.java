package dev.berth.core.master;

import dev.berth.core.access.Action;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads of tasks' files, which only their agents hold: each read becomes a {@link AgentCommand.ReadFile} on the
 * agent's command queue (agents open no port; their poll brings it at once), and waits for the agent's answer
 * under its request id. Nothing here is durable: a read is a question, and a reader whose master failed over
 * asks the new leader again. Runs on the master's loop only.
 */
final class TaskFileReads {
    /** How long a reader waits for the agent: a reachable agent answers within a poll's round trip. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private record Pending(String agentId, CompletableFuture<TaskFileChunk> answer, ScheduledFuture<?> timeout) {
    }

    private final MasterState state;
    private final Map<String, Pending> pending = new HashMap<>();

    TaskFileReads(MasterState state) {
        this.state = state;
    }

    /**
     * Asks the task's agent for the piece {@code read} names, once {@code principal} may {@code read_logs} on the
     * task's framework (a service's framework bears the service's name).
     */
    CompletableFuture<TaskFileChunk> read(String principal, TaskFileRead read, ScheduledExecutorService loopTimer) {
        MasterTask task = state.tasks.get(read.taskId());
        if (task == null) {
            throw new NoSuchTaskException(read.taskId());
        }
        FrameworkRecord framework = state.frameworks.get(task.frameworkId);
        state.authorizer.check(principal, Action.READ_LOGS, framework == null ? task.frameworkId : framework.info.name());
        String agentId = task.info.agentId();
        AgentRecord agent = state.agents.get(agentId);
        if (agent == null || agent.status != AgentRecord.Status.REACHABLE) {
            throw new AgentUnansweredException("agent " + agentId + " of task " + read.taskId() + " is "
                    + (agent == null ? "gone" : agent.status.name().toLowerCase(java.util.Locale.ROOT))
                    + "; its files can be read once it is back");
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<TaskFileChunk> answer = new CompletableFuture<>();
        // the timer fires on the master's loop, like every change of this map
        ScheduledFuture<?> timeout = loopTimer.schedule(() -> {
            Pending p = pending.remove(requestId);
            if (p != null) {
                p.answer.completeExceptionally(new AgentUnansweredException("agent " + agentId + " did not answer the"
                        + " read of task " + read.taskId() + "'s '" + read.file() + "' within " + ANSWER_TIMEOUT.toSeconds() + " s"));
            }
        }, ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(requestId, new Pending(agentId, answer, timeout));
        agent.send(new AgentCommand.ReadFile(requestId, read));
        boolean ended = task.latest.state().isTerminal();
        return answer.thenApply(chunk -> chunk.withTaskEnded(ended));
    }

    /** The agent's answer; one for a request it was not sent, or that timed out, is dropped. */
    void answer(String agentId, String requestId, TaskFileAnswer answer) {
        Pending p = pending.get(requestId);
        if (p == null || !p.agentId.equals(agentId)) {
            return;
        }
        pending.remove(requestId);
        p.timeout.cancel(false);
        if (answer.chunk() != null) {
            p.answer.complete(answer.chunk());
        } else if (answer.refused() != null) {
            p.answer.completeExceptionally(new IllegalArgumentException(answer.refused()));
        } else {
            p.answer.completeExceptionally(new NoSuchTaskException(String.valueOf(answer.missing()), true));
        }
    }

    /** The term ended: every reader is told to ask the leader. */
    void close() {
        pending.values().forEach(p -> p.answer.completeExceptionally(new TermEndedException()));
        pending.clear();
    }
}
