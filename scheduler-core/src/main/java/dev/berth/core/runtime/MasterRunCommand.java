package dev.berth.core.runtime;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.AccessRole;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.Credentials;
import dev.berth.core.master.MasterConfig;
import java.util.List;
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

    @Option(names = "--admin-credentials", description = "a credentials file whose principal this master makes an"
            + " admin with that token (make one with 'berth credentials create admin --out FILE'); needed at the first"
            + " start of a cluster, when ZooKeeper holds no principal yet")
    java.nio.file.Path adminCredentials;

    @Option(names = "--cluster-secret", required = true, description = "the owner-only file with the secret every"
            + " master of this cluster shares (make one with 'berth credentials cluster-secret --out FILE'): the masters'"
            + " ZooKeeper identity and the key of services' secrets at rest; it is never stored in ZooKeeper")
    java.nio.file.Path clusterSecret;

    @Option(names = "--audit-log", description = "also write the audit log (every change asked for and every denial)"
            + " to this file, owner-only; it is always in the master's own log under category berth.audit")
    java.nio.file.Path auditLog;

    @Option(names = "--advertise", description = "this master's API URL as others should use it (default: http://HOST:PORT it listens on)")
    String advertise;

    private AccessBootstrap bootstrap() {
        if (adminCredentials == null) {
            return AccessBootstrap.NONE.withRules(masterOptions.aclRules());
        }
        Credentials admin = Credentials.read(adminCredentials);
        return new AccessBootstrap(List.of(AccessBootstrap.Entry.of(admin, "administrator from --admin-credentials",
                AccessRole.ADMIN))).withRules(masterOptions.aclRules());
    }

    @Override
    public Integer call() throws Exception {
        int slash = zk.indexOf('/');
        if (slash < 0 || slash == zk.length() - 1) {
            throw new IllegalArgumentException("--zk: '" + zk + "' is not valid; expected HOST:PORT[,HOST:PORT…]/PATH such as 127.0.0.1:2181/berth");
        }
        String url = advertise != null ? advertise : listenUrl();
        if (auditLog != null) {
            AuditLogFile.writeTo(auditLog);
        }
        MasterConfig config = masterOptions.toConfig();
        try (MasterNode node = new MasterNode(zk.substring(0, slash), zk.substring(slash), url, config, holder,
                ClusterSecret.read(clusterSecret), Duration.ofSeconds(zkSessionTimeoutSeconds)).withPackages(masterOptions.packageRepository())
                .withServiceSettings(masterOptions.serviceSettings()).withEvents(events).withMeters(meters).withBootstrap(bootstrap())) {
            node.start();
            Quarkus.waitForExit();
        }
        return 0;
    }
}
