package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanParameters;
import dev.berth.core.sdk.hooks.Secrets;
import java.util.List;
import java.util.Map;

/**
 * Asks a service's package whether a plan may start now ({@code ServiceHooks.refuseStart}): what only the
 * package can see, such as a backup that does not fit the ring a restore would load it into. Asked before
 * the start is stored, so a refusal changes nothing; a package that cannot answer refuses too, since a
 * start it could not check may be one that breaks the database.
 */
final class StartCheck {
    private StartCheck() {
    }

    /** An {@link IllegalArgumentException} naming every reason the start of {@code plan} is refused. */
    static void check(ServiceScheduler service, Secrets secrets, String plan, Map<String, String> parameters) {
        ServiceSnapshot now = service.snapshot();
        Plan current = now.plans().get(plan);
        if (current == null) {
            return; // the service's loop answers that there is no such plan
        }
        Map<String, String> resolved = PlanParameters.forAction(PlanAction.START, current, now.target().spec().plan(plan), parameters);
        List<String> problems;
        try {
            problems = service.hooks().refuseStart(PackageContexts.now(service, secrets), plan, resolved);
        } catch (Exception e) {
            throw new IllegalStateException("plan " + plan + " of service " + service.name() + ": the package could not check "
                    + "whether it may start (" + e.getMessage() + "); nothing started", e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("plan " + plan + " may not start: " + String.join("; ", problems));
        }
    }
}
