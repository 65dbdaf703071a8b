package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;

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
        ApiPath path = plans(service).name("plan", plan).then(action.text())
                .query("phase", scope.phase()).query("step", scope.step());
        return calls.post(path, null, ServiceViews.PlanView.class);
    }

    private static ApiPath plans(String service) {
        return ServiceClient.service(service).then("plans");
    }
}
