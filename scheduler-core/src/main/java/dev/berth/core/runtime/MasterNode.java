package dev.berth.core.runtime;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.Authorizer;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.ServiceManager;
import dev.berth.core.sdk.ServiceScheduler;
import dev.berth.core.sdk.state.ZkStateStore;
import dev.berth.core.state.MasterElection;
import dev.berth.core.state.ZkAccessStore;
import dev.berth.core.state.ZkRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jboss.logging.Logger;

/**
 * One master process: joins the election in ZooKeeper and, while it leads, runs a {@link Master}
 * recovered from the registry and the frameworks of the installed services; while it stands by,
 * the API answers with the leader's address.
 */
public final class MasterNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MasterNode.class);

    private final CuratorFramework curator;
    private final MasterElection election;
    private final MasterHolder holder;
    private final MasterConfig config;
    private final String root;
    private final SecretCipher cipher;
    private Master master;
    private ServiceManager services;
    private ZkAccessStore access;
    private Authorizer authorizer;
    private AccessBootstrap bootstrap = AccessBootstrap.NONE;
    private PackageRepository packages = PackageRepository.classpath();
    private ServiceScheduler.Settings serviceSettings = ServiceScheduler.Settings.defaults();

    /**
     * @param zk   ZooKeeper connect string, {@code host:port[,host:port…]}
     * @param root the znode under which this cluster keeps its state, e.g. {@code /berth}
     * @param url  this master's API URL, announced to standbys' callers
     */
    public MasterNode(String zk, String root, String url, MasterConfig config, MasterHolder holder, ClusterSecret secret) {
        this(zk, root, url, config, holder, secret, java.time.Duration.ofSeconds(15));
    }

    /**
     * @param secret           the cluster's secret: the masters' ZooKeeper identity and the key of services' secrets
     * @param zkSessionTimeout how long ZooKeeper waits before it ends a silent master's session; a
     *                         standby takes over after the dead leader's session ends
     */
    public MasterNode(String zk, String root, String url, MasterConfig config, MasterHolder holder, ClusterSecret secret,
                      java.time.Duration zkSessionTimeout) {
        this.root = root;
        this.config = config;
        this.holder = holder;
        this.cipher = secret.secretsCipher();
        // Every znode Berth creates is readable and writable by the masters' digest identity only
        // (CREATOR_ALL): other ZooKeeper clients can neither read the state, secrets included, nor change it.
        this.curator = CuratorFrameworkFactory.builder().connectString(zk)
                .sessionTimeoutMs((int) zkSessionTimeout.toMillis()).connectionTimeoutMs(5_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 10))
                .authorization("digest", ("berth:" + secret.zooKeeperPassword()).getBytes(StandardCharsets.UTF_8))
                .aclProvider(new ACLProvider() {
                    @Override
                    public List<ACL> getDefaultAcl() {
                        return ZooDefs.Ids.CREATOR_ALL_ACL;
                    }

                    @Override
                    public List<ACL> getAclForPath(String path) {
                        return ZooDefs.Ids.CREATOR_ALL_ACL;
                    }
                }).build();
        this.election = new MasterElection(curator, root, url, new MasterElection.Listener() {
            @Override
            public void elected() {
                lead();
            }

            @Override
            public void deposed() {
                standBy();
            }
        });
    }

    /** Where packages come from: the built-in ones, and those of a folder when one is given. */
    public MasterNode withPackages(PackageRepository repository) {
        this.packages = repository;
        return this;
    }

    /** How services recover: backoff, and after how long a lost instance is replaced elsewhere. */
    public MasterNode withServiceSettings(ServiceScheduler.Settings settings) {
        this.serviceSettings = settings;
        return this;
    }

    /** Principals to make sure of before serving (the admin of {@code berth up}, its agents). */
    public MasterNode withBootstrap(AccessBootstrap bootstrap) {
        this.bootstrap = bootstrap;
        return this;
    }

    public void start() throws Exception {
        curator.start();
        access = new ZkAccessStore(curator, root);
        bootstrap.applyTo(access);
        authorizer = new Authorizer(access);
        holder.authorizeWith(authorizer);
        holder.standBy(election::leaderUrl);
        election.start();
    }

    private synchronized void lead() {
        master = Master.start(config, new ZkRegistry(curator, root), Clock.systemUTC(), authorizer);
        services = new ServiceManager(master, packages, name -> new ZkStateStore(curator, root, name, cipher), Clock.systemUTC(),
                serviceSettings, access);
        services.resume(ZkStateStore.services(curator, root));
        holder.lead(master, services);
    }

    private synchronized void standBy() {
        holder.standBy(election::leaderUrl);
        if (services != null) {
            services.close();
            services = null;
        }
        if (master != null) {
            master.close();
            master = null;
        }
        LOG.info("standing by");
    }

    public boolean isLeader() {
        return election.isLeader();
    }

    @Override
    public synchronized void close() throws Exception {
        election.close();
        if (services != null) {
            services.close();
        }
        if (master != null) {
            master.close();
        }
        if (access != null) {
            access.close();
        }
        curator.close();
    }
}
