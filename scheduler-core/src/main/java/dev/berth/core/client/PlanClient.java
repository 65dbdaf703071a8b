package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;
import java.util.Map;

/** A service's plans: their trees of phases and steps, and the operator's actions on them. */
public final class PlanClient {
    private final ApiCalls calls;

    PlanClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/services/{service}/plans}: every plan of the service, by name. */
    public List<ServiceViews.PlanView> list(String service) {
        return calls.get(plans(service), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/services/{service}/plans/{plan}}: one plan, each step with its state and why it waits. */
    public ServiceViews.PlanView get(String service, String plan) {
        return calls.get(plans(service).name("plan", plan), ServiceViews.PlanView.class);
    }

    /**
     * {@code POST /v1/services/{service}/plans/{plan}/{action}?phase=..&step=..}: acts on the plan (or the
     * scope's phase or step) and answers the plan as it is afterwards.
     */
    public ServiceViews.PlanView act(String service, String plan, PlanAction action, PlanScope scope) {
        return act(service, plan, action, scope, Map.of());
    }

    /**
     * As {@link #act(String, String, PlanAction, PlanScope)}, with the parameters a start runs the plan
     * with ({@code name=b1}); the master refuses unknown, missing or malformed ones, naming each.
     */
    public ServiceViews.PlanView act(String service, String plan, PlanAction action, PlanScope scope,
                                     Map<String, String> parameters) {
        ApiPath path = plans(service).name("plan", plan).then(action.text())
                .query("phase", scope.phase()).query("step", scope.step());
        return calls.post(path, parameters.isEmpty() ? null : new ServiceRequests.PlanActionRequest(parameters),
                ServiceViews.PlanView.class);
    }

    private static ApiPath plans(String service) {
        return ServiceClient.service(service).then("plans");
    }
}
