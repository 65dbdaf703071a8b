package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Renews the TLS certificates of the services' nodes before they expire, as an operator would: every
 * {@code period} it looks for running tasks whose certificate is due ({@link CertificateRenewal}) and
 * restarts their instance's step of the service's {@code tls-renewal} plan. The plan relaunches them one at a
 * time in place, each stop asked of the package like any other (a Kafka broker waits for its partitions'
 * in-sync replicas), and each launch issues a new certificate. One daemon thread for all services.
 */
public final class CertificateRenewals implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CertificateRenewals.class);
    /** Often enough that a 1-hour certificate is renewed with 20 minutes to spare; a check reads snapshots only. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(5);

    private final ServiceManager services;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private CertificateRenewals(ServiceManager services, Clock clock) {
        this.services = services;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "certificate-renewals");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every {@code period} from now on, until closed. */
    public static CertificateRenewals start(ServiceManager services, Clock clock, Duration period) {
        CertificateRenewals r = new CertificateRenewals(services, clock);
        r.timer.scheduleWithFixedDelay(r::checkAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    /** One round over every service; a service that fails its check is logged and checked again next round. */
    void checkAll() {
        for (Map.Entry<String, ServiceScheduler> e : Map.copyOf(services.services()).entrySet()) {
            try {
                check(e.getKey(), e.getValue());
            } catch (RuntimeException failed) {
                LOG.warnf("service %s: cannot check its TLS certificates: %s", e.getKey(), failed.getMessage());
            }
        }
    }

    /** Restarts the renewal step of each due instance whose step is not already under way. */
    void check(String service, ServiceScheduler scheduler) {
        ServiceSnapshot now = scheduler.snapshot();
        Optional<Plan> plan = Optional.ofNullable(now.plans().get(PlanFactory.TLS_RENEWAL));
        if (plan.isEmpty()) {
            return;
        }
        for (CertificateRenewal.Due due : CertificateRenewal.due(now.target().spec(), now.tasks().values(), clock.instant())) {
            Optional<Step> step = plan.get().phase(due.phase()).flatMap(ph -> ph.step(due.instance()));
            if (step.isEmpty() || step.get().status() != Status.COMPLETE) {
                continue; // not in the plan (yet), or its renewal is already under way
            }
            LOG.infof("service %s: the TLS certificate of %s expires at %s; renewing it (plan %s, step %s)", service,
                    due.task(), due.expires(), PlanFactory.TLS_RENEWAL, due.instance());
            services.planAction(service, PlanFactory.TLS_RENEWAL, "restart", Optional.of(due.phase()), Optional.of(due.instance()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
