package dev.berth.core.agent;

import dev.berth.core.artifact.MavenRepository;
import dev.berth.core.http.BearerToken;
import dev.berth.reservations.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent is declared: the master(s) it reports to, the token it is known to them by, its work dir, the IP its tasks bind to, its
 * resources (the text form) and attributes, how long its long poll to the master waits, where it
 * keeps the Maven artifacts tasks name (shared by the agents of one machine), and local Maven
 * repositories it may read artifacts from without downloading them again, what it keeps of its tasks'
 * sandboxes ({@link SandboxLimits}), and where it downloads artifacts from (Maven Central, or a mirror of it
 * for hosts that cannot reach it).
 */
public record AgentConfig(List<String> masters, BearerToken token, Path workDir, String ip, String hostname, Resources resources,
                          Map<String, String> attributes, Duration pollWait, Path artifactCache,
                          List<Path> readOnlyMavenRepositories, CpuLimit cpuLimit, SandboxLimits sandboxLimits,
                          MavenRepository mavenCentral) {
    public AgentConfig {
        masters = List.copyOf(masters);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(resources, "resources");
        hostname = hostname == null ? ip : hostname;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        pollWait = pollWait == null ? Duration.ofSeconds(5) : pollWait;
        artifactCache = artifactCache == null ? workDir.resolve("artifacts") : artifactCache;
        readOnlyMavenRepositories = readOnlyMavenRepositories == null ? List.of() : List.copyOf(readOnlyMavenRepositories);
        cpuLimit = cpuLimit == null ? CpuLimit.SHARES : cpuLimit;
        sandboxLimits = sandboxLimits == null ? SandboxLimits.DEFAULTS : sandboxLimits;
        mavenCentral = mavenCentral == null ? MavenRepository.CENTRAL : mavenCentral;
    }

    /** An agent that downloads from Maven Central itself. */
    public AgentConfig(List<String> masters, BearerToken token, Path workDir, String ip, String hostname, Resources resources,
                       Map<String, String> attributes, Duration pollWait, Path artifactCache,
                       List<Path> readOnlyMavenRepositories, CpuLimit cpuLimit, SandboxLimits sandboxLimits) {
        this(masters, token, workDir, ip, hostname, resources, attributes, pollWait, artifactCache,
                readOnlyMavenRepositories, cpuLimit, sandboxLimits, null);
    }

    /** An agent with the default {@link SandboxLimits}. */
    public AgentConfig(List<String> masters, BearerToken token, Path workDir, String ip, String hostname, Resources resources,
                       Map<String, String> attributes, Duration pollWait, Path artifactCache,
                       List<Path> readOnlyMavenRepositories, CpuLimit cpuLimit) {
        this(masters, token, workDir, ip, hostname, resources, attributes, pollWait, artifactCache,
                readOnlyMavenRepositories, cpuLimit, null, null);
    }

    /** A name for logs and the cgroup hierarchy: the work dir's folder name. */
    public String name() {
        return workDir.toAbsolutePath().normalize().getFileName().toString();
    }
}
