package dev.berth.core.runtime;

import dev.berth.core.access.Credentials;
import dev.berth.core.agent.AgentConfig;
import dev.berth.core.agent.CpuLimit;
import dev.berth.core.artifact.ArtifactCache;
import dev.berth.core.artifact.MavenRepository;
import dev.berth.core.http.BearerToken;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.reservations.Resources;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth agent}'s declaration: master, resources, attributes, IP, work dir. */
public class AgentOptions {
    @Option(names = "--master", required = true, description = "master API URL(s), comma separated, e.g. http://10.0.0.1:8080")
    String master;

    @Option(names = "--credentials", required = true, description = "the agent's credentials file (owner-only), e.g."
            + " made by 'berth principal create NAME --role agent --out FILE'")
    Path credentials;

    @Option(names = "--resources", required = true, description = "e.g. cpus:4;mem:8192;disk:100000;ports:[31000-32000]")
    String resources;

    @Option(names = "--attributes", defaultValue = "", description = "e.g. zone:a;rack:r1")
    String attributes;

    @Option(names = "--ip", required = true, description = "the IP address this agent's tasks bind to")
    String ip;

    @Option(names = "--work-dir", required = true, description = "where sandboxes, volumes and the checkpoint live")
    Path workDir;

    @Option(names = "--hostname", description = "name shown for the agent (default: its IP)")
    String hostname;

    @Option(names = "--artifact-cache", description = "where task artifacts from Maven are kept, shared by the agents of this machine (default: WORK_DIR/artifacts)")
    Path artifactCache;

    @Option(names = "--maven-local", split = ",", description = "local Maven repositories to read artifacts from before downloading (default: ~/.m2/repository when it exists)")
    java.util.List<Path> mavenLocal;

    @Option(names = "--maven-mirror", paramLabel = "URL", description = "a mirror of Maven Central to download task"
            + " artifacts from instead (a Nexus or Artifactory proxy, say), for hosts that cannot reach Central;"
            + " files it serves count as Central's, as with Maven's mirrorOf=central")
    java.net.URI mavenMirror;

    @Option(names = "--cpu-limit", defaultValue = "shares", description = "how tasks are held to their cpus: shares"
            + " (default; a task may use idle cores beyond its share) or quota (a hard CFS ceiling of cpus)")
    String cpuLimit;

    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    /** The --cpu-limit value, refused with the allowed values when it is neither. */
    static CpuLimit cpuLimit(String value) {
        try {
            return CpuLimit.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cpu-limit: '" + value + "' is not valid; expected shares or quota");
        }
    }

    AgentConfig toConfig() {
        return new AgentConfig(Arrays.stream(master.split(",")).map(String::trim).toList(),
                BearerToken.of(Credentials.read(credentials).token()), workDir, ip, hostname,
                Resources.parse(resources), AgentInfo.parseAttributes(attributes), null, artifactCache,
                mavenLocal != null ? mavenLocal : ArtifactCache.userLocalRepository().stream().toList(),
                cpuLimit(cpuLimit), sandbox.limits(), mavenMirror == null ? null : mirror(mavenMirror));
    }

    /** A mirror of Central under Central's id: what it serves is shared with files Central served. */
    static MavenRepository mirror(java.net.URI url) {
        try {
            return new MavenRepository(MavenRepository.CENTRAL.id(), url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--maven-mirror: " + e.getMessage());
        }
    }
}
