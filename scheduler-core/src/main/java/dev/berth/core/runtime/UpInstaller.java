package dev.berth.core.runtime;

import dev.berth.core.client.BerthClient;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code berth up --install kafka}: once the embedded master leads, installs each named package that is
 * not installed yet, through the same API the CLI uses, and prints each service's endpoints when its
 * deploy plan is COMPLETE, so one command gives a user a running database and where to reach it.
 */
final class UpInstaller implements Runnable {
    private static final Logger LOG = Logger.getLogger(UpInstaller.class);
    private static final Duration DEPLOY_WAIT = Duration.ofMinutes(15);

    private final BerthClient api;
    private final List<String> packages;
    private final Map<String, String> options;

    /** {@code options} ({@code --set}) go to every package installed; the caller allows them with one package only. */
    UpInstaller(BerthClient api, List<String> packages, Map<String, String> options) {
        this.api = api;
        this.packages = List.copyOf(packages);
        this.options = Map.copyOf(options);
    }

    @Override
    public void run() {
        try {
            List<ServiceViews.ServiceRow> installed = awaitApi();
            for (String pkg : packages) {
                if (installed.stream().noneMatch(s -> s.name().equals(pkg))) {
                    api.services().install(new ServiceRequests.InstallRequest(pkg, pkg, options, null));
                    System.out.println("installed " + pkg + "; watch it with: ./berth plan show " + pkg + " deploy --watch");
                }
            }
            for (String pkg : packages) {
                printEndpointsWhenDeployed(pkg);
            }
        } catch (RuntimeException e) {
            LOG.errorf("--install: %s", e.getMessage());
            System.out.println("--install failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The services, once the master leads and answers (it starts leading a moment after it is up). */
    private List<ServiceViews.ServiceRow> awaitApi() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try {
                return api.services().list();
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500); // polling our own master's start: nothing to be notified by
            }
        }
    }

    private void printEndpointsWhenDeployed(String service) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEPLOY_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> status = Optional.ofNullable(api.plans().get(service, "deploy")).map(ServiceViews.PlanView::status);
            if (status.filter("COMPLETE"::equals).isPresent()) {
                Map<String, List<String>> endpoints = api.services().endpoints(service);
                System.out.println(service + " is deployed; endpoints:");
                endpoints.forEach((name, addresses) -> System.out.println("  " + name + ": " + (!addresses.isEmpty()
                        ? String.join(",", addresses) : "a certificate: ./berth endpoints " + service + " " + name + " > " + name + ".pem")));
                List<ServiceViews.SecretInfo> secrets = api.services().secrets(service);
                secrets.forEach(secret -> System.out.println("  secret " + secret.name() + ": ./berth secret " + service + " "
                        + secret.name()));
                return;
            }
            Thread.sleep(1000);
        }
        System.out.println(service + ": deploy not COMPLETE after " + DEPLOY_WAIT.toMinutes() + " min; see ./berth plan show "
                + service + " deploy");
    }
}
