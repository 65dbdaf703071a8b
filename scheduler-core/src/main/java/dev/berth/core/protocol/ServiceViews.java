package dev.berth.core.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the services API answers ({@code /v1/services}, {@code /v1/packages}): the same records for the
 * server that writes them and the typed client and CLI that read them.
 */
public final class ServiceViews {
    private ServiceViews() {
    }

    public record ServiceRow(String name, String packageName, String packageVersion, String configId,
                             Map<String, String> plans) {
    }

    public record PlanView(String name, String status, boolean interrupted, List<PhaseView> phases,
                           Map<String, String> parameters) {
        public PlanView {
            parameters = parameters == null ? Map.of() : parameters;
        }

        public PlanView(String name, String status, boolean interrupted, List<PhaseView> phases) {
            this(name, status, interrupted, phases, Map.of());
        }
    }

    public record PhaseView(String name, String status, String strategy, List<StepView> steps) {
    }

    public record StepView(String name, String podInstance, String status, String message, Instant updated) {
    }

    public record PodRow(String instance, String agentId, String hostname, String ip, List<TaskRow> tasks) {
    }

    public record TaskRow(String name, String taskId, String state, boolean ready, String configId, String message) {
    }

    /** The pod instance's record and its tasks' last launches, in full but for config file contents. */
    public record PodInfo(PodInstanceRecord instance, List<TaskRecord> tasks) {
    }

    public record Configurations(ServiceTarget target, List<ServiceTarget> history) {
    }

    /** The answer to an install or an update: the service's new target configuration. */
    public record Installed(String name, String packageName, String packageVersion, String configId) {
        public static Installed of(String name, ServiceTarget t) {
            return new Installed(name, t.packageName(), t.packageVersion(), t.id());
        }
    }

    /**
     * One endpoint: its addresses, joined as a client's bootstrap list wants them; or, for a TLS service's
     * {@code ca} endpoint, no address but the CA certificate (PEM) that its clients trust.
     */
    public record EndpointView(String name, List<String> addresses, String joined, String certificate) {
        /** The endpoint under which a TLS service shows its CA's certificate: servers and clients name it alike. */
        public static final String CA = "ca";

        public EndpointView {
            certificate = certificate == null ? "" : certificate;
        }

        public EndpointView(String name, List<String> addresses, String joined) {
            this(name, addresses, joined, "");
        }

        public static EndpointView certificate(String name, String pem) {
            return new EndpointView(name, List.of(), "", pem);
        }
    }

    /** A secret as listed: what it is for and a fingerprint of its value, never the value. */
    public record SecretInfo(String name, String description, String fingerprint) {
    }

    /** A secret's value: the one way to read it, for an operator or an application that must log in. */
    public record SecretValue(String name, String value) {
    }

    /** A package; {@code options} only when one package is described. */
    public record PackageView(String name, String version, String description, List<OptionRow> options) {
    }

    /** The answer to an action that starts work elsewhere (uninstall, restart, replace): what it started. */
    public record Accepted(String message) {
    }
}
