package dev.berth.core.agent;

import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Chooses the isolation at agent start by probing: cgroup v2 if the unified hierarchy has cpu and
 * memory, else cgroup v1 if cpu and memory hierarchies are mounted, and, if neither can be written
 * by this process, measuring only, with a warning that says why and what is lost.
 */
public final class Isolations {
    private static final Logger LOG = Logger.getLogger(Isolations.class);

    private Isolations() {
    }

    /** Probes the machine; {@code agentName} (the agent id or name) names the agent's cgroup. */
    public static Isolation probe(String agentName, CpuLimit cpuLimit) {
        String dirName = cgroupName(agentName);
        CgroupMounts mounts = CgroupMounts.read();
        String v2Problem;
        try {
            Isolation v2 = CgroupV2Isolation.create(mounts, dirName, cpuLimit);
            LOG.infof("task isolation: %s", v2.describe());
            return v2;
        } catch (IOException e) {
            v2Problem = e.getMessage();
        }
        String v1Problem;
        try {
            Isolation v1 = CgroupV1Isolation.create(mounts, dirName, cpuLimit);
            LOG.infof("task isolation: %s (cgroup v2 not used: %s)", v1.describe(), v2Problem);
            return v1;
        } catch (IOException e) {
            v1Problem = e.getMessage();
        }
        Isolation measuring = new MeasuringIsolation("v2: " + v2Problem + "; v1: " + v1Problem);
        LOG.warnf("cgroups cannot be used, tasks are NOT limited by the kernel. Task isolation: %s",
                measuring.describe());
        return measuring;
    }

    /** An agent id made safe as one path element. */
    static String cgroupName(String agentName) {
        String cleaned = agentName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.isEmpty() || cleaned.startsWith(".")) {
            cleaned = "agent" + cleaned;
        }
        return cleaned;
    }
}
