package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A service's pod instances: where they run, their tasks' states and logs, their records, restart and replace. */
public final class PodClient {
    private final ApiCalls calls;

    PodClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/services/{service}/pods}: each pod instance, its agent and its tasks. */
    public List<ServiceViews.PodRow> list(String service) {
        return calls.get(pods(service), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/services/{service}/pods/{pod}/status}: one pod instance's tasks with their states. */
    public ServiceViews.PodRow status(String service, String pod) {
        return calls.get(pod(service, pod).then("status"), ServiceViews.PodRow.class);
    }

    /** {@code GET /v1/services/{service}/pods/{pod}/info}: the pod instance's record and its tasks' last launches. */
    public ServiceViews.PodInfo info(String service, String pod) {
        return calls.get(infoPath(service, pod), ServiceViews.PodInfo.class);
    }

    /**
     * The same answer as {@link #info}, as the JSON document the master wrote, for showing it to a person
     * unchanged: the record read and written again would not read the same (the API writes durations
     * as seconds where Berth's JSON writes ISO-8601, and maps come back in another order).
     */
    public JsonNode infoDocument(String service, String pod) {
        return calls.get(infoPath(service, pod), JsonNode.class);
    }

    /** {@code POST /v1/services/{service}/pods/{pod}/restart}: relaunches it in place, on its reservation and volume. */
    public ServiceViews.Accepted restart(String service, String pod) {
        return calls.post(pod(service, pod).then("restart"), null, ServiceViews.Accepted.class);
    }

    /** {@code POST /v1/services/{service}/pods/{pod}/replace}: moves it to another agent with a fresh reservation and volume. */
    public ServiceViews.Accepted replace(String service, String pod) {
        return calls.post(pod(service, pod).then("replace"), null, ServiceViews.Accepted.class);
    }

    /**
     * {@code GET /v1/tasks/{taskId}/logs}: a piece of one of the task's files, {@code file} being {@code stdout},
     * {@code stderr} or a path in its sandbox (a log: see {@link TaskFiles}); the last {@code tail} lines when
     * {@code tail > 0}, else from byte {@code offset} on.
     */
    public TaskFileChunk readTaskFile(String taskId, String file, long offset, int tail) {
        return calls.get(taskFile(taskId, file).query("offset", tail > 0 ? Optional.empty() : Optional.of(Long.toString(offset)))
                .query("tail", tail > 0 ? Optional.of(Integer.toString(tail)) : Optional.empty()), TaskFileChunk.class);
    }

    /**
     * Follows one of the task's files as it grows (the stream of {@code GET /v1/tasks/{taskId}/logs}), first its last
     * {@code tail} lines (all of it when 0), each piece to {@code each}; across a master failover it goes on from
     * where it was. Returns once the task has ended and its file is read to the end, or when interrupted.
     */
    public void followTaskFile(String taskId, String file, int tail, Consumer<TaskFileChunk> each) {
        ApiPath path = taskFile(taskId, file).query("tail", tail > 0 ? Optional.of(Integer.toString(tail)) : Optional.empty());
        calls.follow(path, Optional.empty(), e -> {
            if (!"chunk".equals(e.name())) {
                return true; // an error the master met mid-stream: it ends the stream, and the reconnect says it anew
            }
            TaskFileChunk chunk = BerthJson.fromBytes(e.data().getBytes(StandardCharsets.UTF_8), TaskFileChunk.class);
            each.accept(chunk);
            return !(chunk.taskEnded() && chunk.atEnd());
        });
    }

    private static ApiPath taskFile(String taskId, String file) {
        ApiPath logs = ApiPath.v1("tasks").name("task", taskId).then("logs");
        return file.equals("stdout") || file.equals("stderr") ? logs.query("stream", Optional.of(file))
                : logs.query("file", Optional.of(file));
    }

    private static ApiPath pods(String service) {
        return ServiceClient.service(service).then("pods");
    }

    private static ApiPath pod(String service, String pod) {
        return pods(service).name("pod", pod);
    }

    private static ApiPath infoPath(String service, String pod) {
        return pod(service, pod).then("info");
    }
}
