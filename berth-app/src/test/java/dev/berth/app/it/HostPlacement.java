package dev.berth.app.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Nodes of an {@link ItCluster} on test hosts of their own: master {@code i} on host {@code masterHosts[i]}
 * with its API on that host's address, agent {@code i} on host {@code agentHosts[i]} in zone
 * {@code z(i mod zones)}. Each starts as an operator would start it: the distribution's {@code bin/berth
 * master|agent --config FILE}, the file made from the archive's example.
 */
final class HostPlacement implements ItCluster.Placement {
    static final int API_PORT = 8080;

    private final NetHosts hosts;
    private final Distribution dist;
    private final int[] masterHosts;
    private final int[] agentHosts;
    private final int zones;
    private final String mavenMirror;

    /** @param mavenMirror the URL of a mirror of Maven Central the agents reach (the hosts reach nothing else) */
    HostPlacement(NetHosts hosts, Distribution dist, int[] masterHosts, int[] agentHosts, int zones, String mavenMirror) {
        this.hosts = hosts;
        this.dist = dist;
        this.masterHosts = masterHosts.clone();
        this.agentHosts = agentHosts.clone();
        this.zones = zones;
        this.mavenMirror = mavenMirror;
    }

    @Override
    public String masterUrl(int i) {
        return "http://" + hosts.address(masterHosts[i]) + ":" + API_PORT;
    }

    @Override
    public String agentIp(int i) {
        return hosts.address(agentHosts[i]);
    }

    @Override
    public String agentAttributes(int i) {
        return "zone:z" + (i % zones);
    }

    @Override
    public BerthProcess startMaster(String name, int i, Map<String, String> options, Path work) throws Exception {
        Path config = dist.configFile("master", options, work.resolve(name + ".properties"));
        // -Dit.master.javaOpts adds JVM options to the masters, for example a flight recording (bench/failover.md)
        return start(name, masterHosts[i], "master", config, ("-Xmx256m " + System.getProperty("it.master.javaOpts", "")).trim());
    }

    @Override
    public BerthProcess startAgent(String name, int i, Map<String, String> options, Path work) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(options);
        all.put("maven-mirror", mavenMirror);
        Path config = dist.configFile("agent", all, work.resolve(name + ".properties"));
        return start(name, agentHosts[i], "agent", config, "-Xmx256m");
    }

    private BerthProcess start(String name, int host, String command, Path config, String javaOpts) throws Exception {
        List<String> cmd = hosts.command(host, List.of(dist.launcher().toString(), command, "--config", config.toString()));
        String javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString();
        return BerthProcess.run(name, cmd, Map.of("JAVA_HOME", javaHome, "JAVA_OPTS", javaOpts));
    }
}
