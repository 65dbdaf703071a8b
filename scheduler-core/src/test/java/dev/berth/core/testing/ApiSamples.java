package dev.berth.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.CheckInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.reservations.Resources;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers of the REST API for a {@link FakeMaster} to give, written as the API writes them. */
public final class ApiSamples {
    /**
     * The API's Jackson mapper: Berth's model module on Quarkus's defaults, of which
     * {@code quarkus.jackson.write-durations-as-timestamps=true} is the one Berth's own JSON differs in.
     */
    private static final ObjectMapper API_JSON = BerthJson.create().enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private ApiSamples() {
    }

    /** {@code value} as the API would answer it. */
    public static String json(Object value) {
        try {
            return API_JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pod instance with one task that has a readiness check: durations, resources, optionals, maps. */
    public static ServiceViews.PodInfo podInfo() {
        PodInstanceRecord instance = new PodInstanceRecord("hello-0", "hello", 0, "agent-1", "agent-1", "127.0.0.2",
                Map.of("zone", "z1", "rack", "r1"), Map.of("server", Resources.parse("cpus:0.1;mem:32")), List.of(),
                Optional.empty(), List.of());
        TaskInfo task = new TaskInfo("hello-0-server__1", "hello-0-server", "agent-1", Resources.parse("cpus:0.1;mem:32"),
                new CommandInfo("exec sleep 100", Map.of("HELLO", "1")), List.of(), Duration.ofSeconds(30),
                Map.of("pod", "hello-0"), Optional.of(new CheckInfo("true", Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofMillis(1500), 3)), Optional.empty());
        return new ServiceViews.PodInfo(instance, List.of(new TaskRecord("hello-0-server", "hello-0", "config-1", task,
                Optional.empty())));
    }
}
