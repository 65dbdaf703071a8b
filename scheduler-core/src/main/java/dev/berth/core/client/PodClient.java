package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;

/** A service's pod instances: where they run, their tasks' states, their records, restart and replace. */
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
