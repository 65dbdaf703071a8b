package dev.berth.core.api;

import dev.berth.core.access.Action;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The meters in Prometheus's text format at {@code GET /q/metrics}, behind the access check like every
 * endpoint: a Prometheus scrape job sends a bearer token of a principal allowed to read the cluster
 * ({@code authorization: {credentials_file: …}}). The registry is produced here, so Quarkus adds it to
 * Micrometer's composite and its own binders (JVM, HTTP server) report to it too.
 */
@Path("/q/metrics")
public class MetricsResource {
    /** Prometheus's text exposition format, version 0.0.4. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    PrometheusMeterRegistry registry;

    /** Text whatever the caller accepts: scrapers ask for OpenMetrics first and take this text as well. */
    @GET
    @Authorize(Action.READ_CLUSTER)
    public Response scrape() {
        return Response.ok(registry.scrape()).type(TEXT_FORMAT).build();
    }

    /** Berth's Prometheus registry, one per process. */
    @Singleton
    static class Registry {
        @Produces
        @Singleton
        PrometheusMeterRegistry prometheus() {
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
    }
}
