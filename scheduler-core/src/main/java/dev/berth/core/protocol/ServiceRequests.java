package dev.berth.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The bodies of the services API's requests. */
public final class ServiceRequests {
    private ServiceRequests() {
    }

    /** {@code POST /v1/services}: the service name, the package, options as KEY=VALUE text, an optional options document. */
    public record InstallRequest(String name, String packageName, Map<String, String> options, JsonNode optionsFile) {
    }

    /** {@code POST /v1/services/{svc}/update}. */
    public record UpdateRequest(Map<String, String> options, JsonNode optionsFile) {
    }

    /**
     * {@code POST /v1/services/{svc}/plans/{plan}/start}, optional: the parameters the plan runs with
     * ({@code name=b1} of a backup), checked against those the package declares for it.
     */
    public record PlanActionRequest(Map<String, String> parameters) {
        public PlanActionRequest {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }
}
