package dev.berth.core.agent;

import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends status updates to the master in order, each until the master confirms it stored it. An
 * update lost to an agent crash is not lost for good: the restarted agent re-registers with the
 * latest state of every task, which the master reconciles.
 */
final class StatusOutbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StatusOutbox.class);

    private final BlockingQueue<TaskStatus> queue = new LinkedBlockingQueue<>();
    private final JsonHttp http;
    private final Supplier<String> agentId;
    private final Thread sender;
    private volatile boolean running = true;

    StatusOutbox(JsonHttp http, Supplier<String> agentId, String name) {
        this.http = http;
        this.agentId = agentId;
        this.sender = new Thread(this::sendLoop, "status-outbox-" + name);
        this.sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    void add(TaskStatus status) {
        queue.add(status);
    }

    private void sendLoop() {
        while (running) {
            TaskStatus next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            int attempts = 0;
            while (running) {
                String id = agentId.get();
                try {
                    if (id != null) {
                        http.post("/v1/agent/" + id + "/status", next, Void.class, Duration.ofSeconds(10));
                        break;
                    }
                } catch (RuntimeException e) {
                    attempts++;
                    if (attempts % 20 == 1) {
                        LOG.warnf("status %s of %s not delivered yet (attempt %d): %s", next.state(), next.taskId(),
                                attempts, e.getMessage());
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
