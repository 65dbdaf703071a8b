package dev.berth.core.runtime;

import com.sun.management.OperatingSystemMXBean;
import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.AccessRole;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.Credentials;
import dev.berth.core.agent.Agent;
import dev.berth.core.agent.AgentConfig;
import dev.berth.core.agent.CpuLimit;
import dev.berth.core.agent.SandboxLimits;
import dev.berth.core.artifact.ArtifactCache;
import dev.berth.core.client.BerthClient;
import dev.berth.core.http.BearerToken;
import dev.berth.core.pkg.Options;
import dev.berth.core.state.EmbeddedZooKeeper;
import dev.berth.reservations.Resources;
import io.quarkus.runtime.Quarkus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth up}: the embedded default on one machine. A ZooKeeper server in this process (data in
 * {@code ./berth-data/zookeeper}), one master, and N agents, each on its own loopback address
 * (127.0.0.2, 127.0.0.3, …) with an equal share of the machine. Ctrl-C stops tasks and everything
 * cleanly; running it again resumes from {@code ./berth-data}.
 */
@Command(name = "up", description = "Runs the embedded single-machine cluster: ZooKeeper, a master and N local agents.")
public class UpCommand extends ServerCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(UpCommand.class);

    @Option(names = "--agents", defaultValue = "3", description = "how many local agents (default 3)")
    int agents;

    @Option(names = "--data", defaultValue = "berth-data", description = "state directory (default ./berth-data)")
    Path data;

    @Option(names = "--zk-port", defaultValue = "2181", description = "port of the embedded ZooKeeper on 127.0.0.1")
    int zkPort;

    @Option(names = "--cpu-limit", defaultValue = "shares", description = "how tasks are held to their cpus: shares"
            + " (default) or quota (a hard CFS ceiling), as for 'berth agent'")
    String cpuLimit;

    @Option(names = "--install", split = ",", description = "packages to install once up, unless installed already"
            + " (e.g. --install kafka); their endpoints are printed when deployed")
    List<String> install = new ArrayList<>();

    @Option(names = "--set", description = "an option of the package of --install, KEY=VALUE (repeatable),"
            + " e.g. --install cassandra --set cassandra.fast_join=true")
    List<String> set = new ArrayList<>();

    @Option(names = "--agent-resources", description = "resources of each agent (default: an equal share of this machine,"
            + " decided at the first start and kept in the data directory for the next; given, for this start)")
    String agentResources;

    @picocli.CommandLine.Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || agents > 250) {
            throw new IllegalArgumentException("--agents: '" + agents + "' is not valid; expected 1 to 250");
        }
        if (!set.isEmpty() && install.size() != 1) {
            throw new IllegalArgumentException("--set: options are for the package of --install, so give it exactly one"
                    + " package (now: " + (install.isEmpty() ? "none" : String.join(",", install)) + ")");
        }
        Map<String, String> options = Options.assignments(set);
        Path dataDir = data.toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Optional<Resources> given = Optional.ofNullable(agentResources).map(Resources::parse);
        CpuLimit limit = AgentOptions.cpuLimit(cpuLimit);
        SandboxLimits sandboxLimits = sandbox.limits();
        Resources share = machineShare(dataDir, agents, limit);
        String url = listenUrl();
        AuditLogFile.writeTo(dataDir.resolve("audit.log"));
        Credentials admin = UpCredentials.at(dataDir.resolve("credentials"), "admin", url);
        List<Credentials> agentCredentials = new ArrayList<>();
        List<AccessBootstrap.Entry> principals = new ArrayList<>(List.of(
                AccessBootstrap.Entry.of(admin, "the administrator of berth up", AccessRole.ADMIN)));
        for (int i = 0; i < agents; i++) {
            Credentials c = UpCredentials.at(dataDir.resolve("agents/agent-" + i + "/credentials"), "agent-" + i, url);
            agentCredentials.add(c);
            principals.add(AccessBootstrap.Entry.of(c, "agent of berth up", AccessRole.AGENT, List.of(c.principal())));
        }
        List<Agent> running = new ArrayList<>();
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"), "127.0.0.1", zkPort);
             MasterNode master = new MasterNode(zk.connectString(), "/berth", url,
                     masterOptions.toConfig(), holder, ClusterSecret.readOrCreate(dataDir.resolve("cluster.secret"))).withPackages(masterOptions.packageRepository())
                .withServiceSettings(masterOptions.serviceSettings()).withEvents(events).withMeters(meters).withBootstrap(new AccessBootstrap(principals).withRules(masterOptions.aclRules()))) {
            master.start();
            for (int i = 0; i < agents; i++) {
                String ip = "127.0.0." + (i + 2);
                Path agentDir = dataDir.resolve("agents/agent-" + i);
                Resources resources = UpAgentResources.of(agentDir, given, share);
                running.add(Agent.start(new AgentConfig(List.of(url), BearerToken.of(agentCredentials.get(i).token()),
                        agentDir, ip,
                        "agent-" + i, resources, Map.of(), Duration.ofSeconds(5), dataDir.resolve("artifacts"),
                        ArtifactCache.userLocalRepository().stream().toList(), limit, sandboxLimits)));
            }
            LOG.infof("berth is up: API %s, ZooKeeper %s, %d agents", url, zk.connectString(), agents);
            System.out.println("berth is up: API " + url + ", admin credentials in " + dataDir.resolve("credentials")
                    + " (try: ./berth agents)");
            if (!install.isEmpty()) {
                Thread installer = new Thread(new UpInstaller(new BerthClient(List.of(url),
                        BearerToken.of(admin.token())), install, options), "up-install");
                installer.setDaemon(true);
                installer.start();
            }
            // On SIGTERM the JVM halts once its shutdown hooks are done, whatever the main thread does:
            // the tasks (a draining database) are stopped in a hook of ours, which the JVM waits for.
            Thread stopTasks = new Thread(() -> stopTasks(running), "stop-tasks");
            Runtime.getRuntime().addShutdownHook(stopTasks);
            Quarkus.waitForExit();
            stopTasks(running);
        }
        return 0;
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops every task (each with its grace period) and closes the agents, once. */
    private void stopTasks(List<Agent> running) {
        synchronized (stopped) {
            if (stopped.getAndSet(true)) {
                return;
            }
            LOG.info("stopping: tasks first, then agents, master and ZooKeeper");
            running.parallelStream().forEach(a -> a.stopTasksAndClose(Duration.ofSeconds(60)));
        }
    }

    /** Each agent's share of this machine's cores, memory and the disk under the data directory. */
    static Resources machineShare(Path dataDir, int agents, CpuLimit limit) throws java.io.IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        long memMib = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
        long diskMib = Files.getFileStore(dataDir).getUsableSpace() >> 20;
        return share(cores, memMib, diskMib, agents, limit);
    }

    /**
     * Memory and disk are divided between the agents: they are hard limits. CPU is divided only under
     * {@code --cpu-limit quota}, a hard ceiling too; under shares (the default) a task's cpus are a weight,
     * never a ceiling, so every agent advertises the machine's cores and tasks share them by weight. A
     * default Cassandra node (0.5 plus two 0.08 sidecars) then fits on each of 4 or 5 agents of a 2-core
     * machine, as a replace needs, where 2/4 = 0.5 cpus each did not.
     */
    static Resources share(int cores, long memMib, long diskMib, int agents, CpuLimit limit) {
        String cpus = limit == CpuLimit.QUOTA
                ? new java.math.BigDecimal(cores).divide(new java.math.BigDecimal(agents), 3,
                        java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString()
                : Integer.toString(cores);
        return Resources.parse("cpus:" + cpus + ";mem:" + memMib / agents + ";disk:" + diskMib / agents
                + ";ports:[31000-32000]");
    }
}
