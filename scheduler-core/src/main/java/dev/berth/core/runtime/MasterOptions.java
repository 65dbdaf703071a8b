package dev.berth.core.runtime;

import dev.berth.core.access.AclRule;
import dev.berth.core.access.Grants;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.master.TaskRetention;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.ServiceScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a master paces itself, shared by {@code berth master} and {@code berth up}. */
public class MasterOptions {
    @Option(names = "--agent-timeout", defaultValue = "15", description = "seconds an agent may stay silent before it is unreachable")
    long agentTimeoutSeconds;

    @Option(names = "--offer-timeout", defaultValue = "30",
            description = "seconds an offer a framework neither accepts nor declines stays out before the master takes it back (default 30)")
    long offerTimeoutSeconds;

    @Option(names = "--completed-task-retention", defaultValue = "1h", description = "how long a task that ended,"
            + " its updates acknowledged, stays in the registry and in 'berth tasks', e.g. 1h (default), 30m")
    String completedTaskRetention;

    @Option(names = "--max-completed-tasks-per-framework", defaultValue = "100", description = "at most this many"
            + " ended tasks of a framework are kept, the oldest leaving first (default 100)")
    String maxCompletedTasksPerFramework;

    TaskRetention taskRetention() {
        return new TaskRetention(OptionValues.duration("--completed-task-retention", completedTaskRetention),
                OptionValues.count("--max-completed-tasks-per-framework", maxCompletedTasksPerFramework, 0, 1_000_000));
    }

    @Option(names = "--role-weight", description = "weight of a role in the fair share, ROLE=WEIGHT (repeatable; default 1)")
    List<String> roleWeights = new ArrayList<>();

    @Option(names = "--permanent-failure-timeout", defaultValue = "600",
            description = "seconds a service's pod instance may stay lost before it is replaced on another agent (default 600)")
    long permanentFailureSeconds;

    ServiceScheduler.Settings serviceSettings() {
        return ServiceScheduler.Settings.defaults()
                .withPermanentFailure(java.time.Duration.ofSeconds(permanentFailureSeconds));
    }

    @Option(names = "--acl-file", description = "a JSON list of grants added to the ACL at start, e.g."
            + " [{\"principal\": \"olga\", \"role\": \"operator\", \"objects\": [\"kafka\"]}]; the ACL stays in"
            + " ZooKeeper, managed with 'berth acl'")
    java.nio.file.Path aclFile;

    /** The rules of --acl-file, none without one. */
    List<AclRule> aclRules() {
        return aclFile == null ? List.of() : Grants.readFile(aclFile);
    }

    @Option(names = "--packages", description = "a folder of packages (one folder each) besides the built-in ones")
    java.nio.file.Path packages;

    PackageRepository packageRepository() {
        return PackageRepository.of(Thread.currentThread().getContextClassLoader(),
                java.util.Optional.ofNullable(packages));
    }

    MasterConfig toConfig() {
        if (agentTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--agent-timeout: '" + agentTimeoutSeconds + "' is not valid; expected 1 or more seconds");
        }
        if (offerTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--offer-timeout: '" + offerTimeoutSeconds + "' is not valid; expected 1 or more seconds");
        }
        return MasterConfig.defaults().withAgentTimeout(Duration.ofSeconds(agentTimeoutSeconds))
                .withOfferTimeout(Duration.ofSeconds(offerTimeoutSeconds))
                .withRoleWeights(MasterConfig.parseWeights(roleWeights))
                .withCompletedTasks(taskRetention());
    }
}
