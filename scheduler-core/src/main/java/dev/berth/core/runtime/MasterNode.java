package dev.berth.core.runtime;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.Authorizer;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.events.EventSink;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterMeters;
import dev.berth.core.sdk.ServiceObservers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.sdk.CertificateRenewals;
import dev.berth.core.sdk.ServiceManager;
import dev.berth.core.sdk.ServiceScheduler;
import dev.berth.core.sdk.state.ZkStateStore;
import dev.berth.core.state.EpochFence;
import dev.berth.core.state.FencedException;
import dev.berth.core.state.LeaderEpoch;
import dev.berth.core.state.MasterElection;
import dev.berth.core.state.ZkAccessStore;
import dev.berth.core.state.ZkAcls;
import dev.berth.core.state.ZkRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Each time it takes the lead it begins a new leadership epoch ({@link LeaderEpoch}); every registry and
 * state-store write of that term is conditional on it ({@link EpochFence}). The first write refused because
 * another master began a newer term makes this one stand by and join the election again: a leader that was
 * paused (GC, a partition) and has not yet heard that it lost the lead stops there.
 *
 * <p>A takeover that throws (a registry or state znode that does not parse, ZooKeeper failing) leaves this
 * master standing by and out of the election for a backoff ({@link TakeoverBackoff}): holding the latch
 * without leading would keep every other master from trying while callers were sent here. It does not exit:
 * when every master trips on the same bad znode, each one keeps saying why (log and 503) until it is repaired,
 * and then one leads without anyone restarting anything.
 */
public final class MasterNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MasterNode.class);

    private final CuratorFramework curator;
    private final MasterElection election;
    private final MasterHolder holder;
    private final MasterConfig config;
    private final String root;
    private final String url;
    private final SecretCipher cipher;
    /**
     * Takes over off ZooKeeper's event thread, stands down a fenced master off the thread whose write was refused
     * (the master's own loop, often), and leaves and later joins the election after a failed takeover off the
     * election's own thread: one thread, so these happen in the order they were asked for.
     */
    private final ScheduledExecutorService leadership = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-leadership");
        t.setDaemon(true);
        return t;
    });
    /** The current term's fence; null while standing by. */
    private EpochFence fence;
    private Master master;
    private ServiceManager services;
    /** Renews the services' TLS certificates while this master leads. */
    private CertificateRenewals renewals;
    private ZkAccessStore access;
    private Authorizer authorizer;
    private AccessBootstrap bootstrap = AccessBootstrap.NONE;
    private PackageRepository packages = PackageRepository.classpath();
    private ServiceScheduler.Settings serviceSettings = ServiceScheduler.Settings.defaults();
    private TakeoverBackoff takeoverBackoff = TakeoverBackoff.defaults();
    private EventSink events = EventSink.NONE;
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private MasterMeters meters = new MasterMeters(meterRegistry);
    /** While standing by, reads what a takeover reads, so that the first takeover does not do first-use work. */
    private volatile TakeoverRehearsal rehearsal;
    private static final long REHEARSAL_PERIOD_SECONDS = 30;
    /** Takeovers that failed since this master last led; sets the backoff. */
    private int failedTakeovers;

    /**
     * @param zk   ZooKeeper connect string, {@code host:port[,host:port…]}
     * @param root the znode under which this cluster keeps its state, e.g. {@code /berth}
     * @param url  this master's API URL, announced to standbys' callers
     */
    public MasterNode(String zk, String root, String url, MasterConfig config, MasterHolder holder, ClusterSecret secret) {
        this(zk, root, url, config, holder, secret, Duration.ofSeconds(15));
    }

    /**
     * @param secret           the cluster's secret: the masters' ZooKeeper identity and the key of services' secrets
     * @param zkSessionTimeout how long ZooKeeper waits before it ends a silent master's session; a
     *                         standby takes over after the dead leader's session ends
     */
    public MasterNode(String zk, String root, String url, MasterConfig config, MasterHolder holder, ClusterSecret secret,
                      Duration zkSessionTimeout) {
        this.root = root;
        this.url = url;
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
            /*
             * The latch calls this on ZooKeeper's event thread, which must stay free during the takeover: the
             * takeover's own reads are answered through it (a takeover on it waits for itself), and so are the
             * watches and connection events that tell this master it lost the lead meanwhile.
             */
            @Override
            public void elected() {
                try {
                    leadership.execute(MasterNode.this::leadIfElected);
                } catch (RejectedExecutionException closing) {
                    // the node is closing
                }
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

    /** The meters the master counts on, one set for the process across its terms. */
    public MasterNode withMeters(MeterRegistry registry) {
        this.meterRegistry = registry;
        this.meters = new MasterMeters(registry);
        return this;
    }

    /** Where the master and its services tell what they changed, after each durable write. */
    public MasterNode withEvents(EventSink sink) {
        this.events = sink;
        return this;
    }

    /** Principals to make sure of before serving (the admin of {@code berth up}, its agents). */
    public MasterNode withBootstrap(AccessBootstrap bootstrap) {
        this.bootstrap = bootstrap;
        return this;
    }

    /** How long a master whose takeover failed stays out of the election. */
    public MasterNode withTakeoverBackoff(TakeoverBackoff backoff) {
        this.takeoverBackoff = backoff;
        return this;
    }

    public void start() throws Exception {
        curator.start();
        access = new ZkAccessStore(curator, root);
        bootstrap.applyTo(access);
        authorizer = new Authorizer(access);
        holder.authorizeWith(authorizer);
        holder.standBy(this::otherLeader, Optional.empty());
        rehearsal = new TakeoverRehearsal(curator, root, cipher, packages); // before a takeover can close it
        election.start();
        rehearsal.start(REHEARSAL_PERIOD_SECONDS);
    }


    /** Takes the lead, unless the lead was lost again before this ran. */
    private void leadIfElected() {
        if (election.isLeader()) {
            lead();
        }
    }

    private synchronized void lead() {
        Instant elected = Instant.now();
        try {
            takeOver(elected);
            failedTakeovers = 0;
        } catch (RuntimeException e) {
            takeoverFailed(e);
        }
    }

    /** Begins a term and recovers the master and the services; each part is closed by {@link #standBy} if a later one throws. */
    private void takeOver(Instant elected) {
        rehearsal.close();
        EpochFence term = new EpochFence(curator, LeaderEpoch.claim(curator, root), this::fenced, meters::zooKeeperWrite);
        fence = term;
        LOG.infof("master %s leads in epoch %d", url, term.epoch().number());
        // state written before Berth protected it: close its znodes and seal its secrets, once, as the leader
        ZkAcls.closeOpen(curator, root);
        List<String> installed = ZkStateStore.services(curator, root);
        ZkStateStore.sealPlainSecrets(curator, root, installed, cipher, term::commit).forEach((service, sealed) ->
                LOG.warnf("service %s: %d secrets were kept in plain text; they are encrypted now", service, sealed));
        Instant checked = Instant.now();
        master = Master.start(config, new ZkRegistry(curator, root, term), Clock.systemUTC(), authorizer, events, meters);
        Instant recovered = Instant.now();
        services = new ServiceManager(master, packages, name -> new ZkStateStore(curator, root, name, cipher, term::commit),
                Clock.systemUTC(), serviceSettings, access, new ServiceObservers(events, meterRegistry));
        services.resume(installed);
        renewals = CertificateRenewals.start(services, Clock.systemUTC(), CertificateRenewals.DEFAULT_PERIOD);
        Instant serving = Instant.now();
        holder.lead(master, services, new ClusterViews.LeaderView(url, term.epoch().number(), elected, serving));
        LOG.infof("master %s serves epoch %d, %d ms after its election (state checks %d ms, registry %d ms, services %d ms)",
                url, term.epoch().number(), Duration.between(elected, serving).toMillis(),
                Duration.between(elected, checked).toMillis(), Duration.between(checked, recovered).toMillis(),
                Duration.between(recovered, serving).toMillis());
    }

    /**
     * The takeover threw: stand by, saying why, and leave the election now (off the election's thread, whose
     * callback this is) to join it again after the backoff. A healthy master waiting in the election leads
     * meanwhile; if there is none, this one tries again then.
     */
    private void takeoverFailed(RuntimeException e) {
        failedTakeovers++;
        Duration wait = takeoverBackoff.after(failedTakeovers);
        String cause = TakeoverFailure.describe(e);
        String why = "its takeover failed (" + cause + "); it left the election and joins it again in "
                + wait.toMillis() / 1000.0 + " s";
        if (failedTakeovers == 1) {
            LOG.errorf(e, "master %s cannot lead: %s", url, why);
        } else { // the trace was logged with the first failure of this streak
            LOG.errorf("master %s cannot lead (%d failed takeovers in a row): %s", url, failedTakeovers, why);
        }
        standBy(Optional.of(why));
        try {
            leadership.execute(() -> leaveFor(wait, cause));
        } catch (RejectedExecutionException closing) {
            // the node is closing: closing the election leaves it
        }
    }

    private void leaveFor(Duration wait, String cause) {
        try {
            election.leave();
        } catch (Exception e) {
            LOG.errorf("master %s could not leave the election: %s", url, e.getMessage());
        }
        leadership.schedule(() -> joinAgain(cause), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void joinAgain(String cause) {
        synchronized (this) { // the 503 no longer promises a return that has happened
            holder.standBy(this::otherLeader, Optional.of("its last takeover failed (" + cause + "); it is in the election again"));
        }
        try {
            election.join();
        } catch (Exception e) {
            LOG.errorf("master %s could not join the election again: %s", url, e.getMessage());
        }
    }

    /** A write of epoch {@code e.epoch()} was refused: another master leads. */
    private void fenced(FencedException e) {
        try {
            leadership.execute(() -> giveUpLead(e.epoch()));
        } catch (RejectedExecutionException closing) {
            // the node is closing anyway
        }
    }

    private synchronized void giveUpLead(long epoch) {
        if (fence == null || fence.epoch().number() != epoch) {
            return; // that term is over already (stood by, or a newer term began here)
        }
        LOG.errorf("master %s gives up the lead of epoch %d: another master began a newer term", url, epoch);
        boolean holdsLatch = election.isLeader();
        standBy();
        if (holdsLatch) {
            try {
                election.rejoin();
            } catch (Exception rejoin) {
                LOG.errorf("master %s could not leave the election: %s", url, rejoin.getMessage());
            }
        }
    }

    private void standBy() {
        standBy(Optional.empty());
    }

    /** @param why why this master cannot lead, for callers it answers 503; empty when it is merely a standby */
    private synchronized void standBy(Optional<String> why) {
        fence = null;
        holder.standBy(this::otherLeader, why);
        if (renewals != null) {
            renewals.close();
            renewals = null;
        }
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

    /**
     * The leader a standby sends callers to. Never this master itself, even while it holds the latch (its
     * takeover running, or failed and not yet out of the election): callers would only come back here.
     */
    private Optional<String> otherLeader() {
        return election.leaderUrl().filter(leader -> !leader.equals(url));
    }

    public boolean isLeader() {
        return election.isLeader();
    }

    /** The ZooKeeper client, for tests that end its session as a partition would. */
    CuratorFramework curator() {
        return curator;
    }

    @Override
    public synchronized void close() throws Exception {
        leadership.shutdownNow();
        if (rehearsal != null) {
            rehearsal.close();
        }
        election.close();
        if (renewals != null) {
            renewals.close();
        }
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
