package dev.berth.core.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a principal may be allowed to do, each on a kind of object, in the style of Mesos's ACLs
 * ({@code register_frameworks} on a role, {@code reserve_resources} on a role, {@code run_tasks} as a user).
 * Every request, framework call and agent message is checked against one of these.
 */
public enum Action {
    /** Register a framework that acts for a role. Object: the role. */
    REGISTER_FRAMEWORK("role"),
    /** RESERVE resources for a role. Object: the role. */
    RESERVE("role"),
    /** UNRESERVE resources of a role. Object: the role. */
    UNRESERVE("role"),
    /** CREATE a persistent volume on disk reserved for a role. Object: the role. */
    CREATE_VOLUME("role"),
    /** DESTROY a persistent volume of a role. Object: the role. */
    DESTROY_VOLUME("role"),
    /** LAUNCH a task that runs as an OS user; a task that names no user runs as the agent's (root). Object: the user. */
    LAUNCH_AS_USER("OS user"),
    /**
     * Register as an agent (and so receive tasks and their files). Object: the hostname the agent declares;
     * the id the master gives it is then bound to the principal that registered it.
     */
    REGISTER_AGENT("agent hostname"),
    /** Install a service. Object: the service name. */
    INSTALL_SERVICE("service"),
    /** Change a service's options or version. Object: the service name. */
    UPDATE_SERVICE("service"),
    /** Uninstall a service (its tasks, volumes and reservations go). Object: the service name. */
    UNINSTALL_SERVICE("service"),
    /** Start, stop, continue, force or restart a service's plans. Object: the service name. */
    PLAN_ACTION("service"),
    /** Restart or replace a service's pods. Object: the service name. */
    POD_ACTION("service"),
    /** Read a service: plans, pods, endpoints, configurations, the names of its secrets. Object: the service name. */
    READ_SERVICE("service"),
    /**
     * Read the output and log files of a service's tasks (stdout, stderr, the database's own logs). Object: the
     * service name (for a framework that is not a Berth service, its framework name).
     */
    READ_LOGS("service"),
    /** Read the values of a service's secrets. Object: the service name. */
    READ_SECRETS("service"),
    /**
     * Set a secret of a service that its package leaves to an operator (an object store's access key); a
     * generated one is never replaced. Object: the service name.
     */
    WRITE_SECRETS("service"),
    /** Read the cluster: agents, reservations, volumes, tasks, frameworks, packages. Object: {@code cluster}. */
    READ_CLUSTER("cluster"),
    /** Manage principals, their credentials and the ACL. Object: {@code access}. */
    MANAGE_ACCESS("access");

    /**
     * The object of {@link #LAUNCH_AS_USER} for a task that names no user: it runs as the agent's user,
     * which is root on a machine whose agents switch users.
     */
    public static final String AGENT_USER = "root";

    private final String objectKind;

    Action(String objectKind) {
        this.objectKind = objectKind;
    }

    /** What the object of this action names: a role, a service, an OS user… */
    public String objectKind() {
        return objectKind;
    }

    /** The name used in the API, the CLI and the audit log, e.g. {@code read_secrets}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a label ({@code read_secrets}, {@code read-secrets} or {@code READ_SECRETS}). */
    public static Action of(String label) {
        String key = label == null ? "" : label.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(a -> a.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("action: '" + label + "' is not an action; expected one of "
                        + Arrays.stream(values()).map(Action::label).collect(Collectors.joining(", "))));
    }
}
