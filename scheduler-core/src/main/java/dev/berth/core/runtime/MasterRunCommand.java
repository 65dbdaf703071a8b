package dev.berth.core.runtime;

import dev.berth.core.master.MasterConfig;
import io.quarkus.runtime.Quarkus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth master --zk HOST:PORT[,…]/PATH}: a master against a real ZooKeeper ensemble. Any
 * number may run; one leads, the others stand by and take over when it dies.
 */
@Command(name = "master", description = "Runs a master (leader or standby) against a ZooKeeper ensemble.")
public class MasterRunCommand extends ServerCommand implements Callable<Integer> {
    @Option(names = "--zk", required = true, description = "ZooKeeper connect string with a chroot path, e.g. zk1:2181,zk2:2181/berth")
    String zk;

    @Option(names = "--zk-session-timeout", defaultValue = "15", description = "seconds before ZooKeeper ends a dead master's session and a standby takes over")
    long zkSessionTimeoutSeconds;

    @Option(names = "--advertise", description = "this master's API URL as others should use it (default: http://HOST:PORT it listens on)")
    String advertise;

    @Override
    public Integer call() throws Exception {
        int slash = zk.indexOf('/');
        if (slash < 0 || slash == zk.length() - 1) {
            throw new IllegalArgumentException("--zk: '" + zk + "' is not valid; expected HOST:PORT[,HOST:PORT…]/PATH such as 127.0.0.1:2181/berth");
        }
        String url = advertise != null ? advertise : listenUrl();
        MasterConfig config = masterOptions.toConfig();
        try (MasterNode node = new MasterNode(zk.substring(0, slash), zk.substring(slash), url, config, holder,
                Duration.ofSeconds(zkSessionTimeoutSeconds)).withPackages(masterOptions.packageRepository())
                .withServiceSettings(masterOptions.serviceSettings())) {
            node.start();
            Quarkus.waitForExit();
        }
        return 0;
    }
}
