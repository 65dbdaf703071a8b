package dev.berth.core.protocol;

import java.util.List;

/** The bodies of the framework calls over HTTP ({@code /v1/frameworks/{id}/…}). */
public final class FrameworkCalls {
    private FrameworkCalls() {
    }

    /** The framework's id and this registration's session: event sequences count within a session. */
    public record Registered(String frameworkId, String session) {
    }

    /** {@code confirmed} counts in {@code session}; from another session (an older master) it is ignored. */
    public record Poll(String session, long confirmed, long waitMs) {
    }

    public record Accept(List<String> offerIds, List<Operation> operations, long refuseSeconds) {
    }

    public record Decline(String offerId, long refuseSeconds) {
    }

    public record Kill(String taskId) {
    }

    public record Acknowledge(String taskId, String uuid) {
    }

    public record Reconcile(List<String> taskIds) {
    }
}
