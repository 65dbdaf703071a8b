package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.util.List;
import java.util.Map;

/** Installed services: install, list, update, uninstall; their endpoints, secrets and configurations. */
public final class ServiceClient {
    private final ApiCalls calls;

    ServiceClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/services}: each service with its package, config id and the state of its plans. */
    public List<ServiceViews.ServiceRow> list() {
        return calls.get(ApiPath.v1("services"), new TypeReference<>() {
        });
    }

    /** {@code POST /v1/services}: installs a package as a service and starts its deploy plan. */
    public ServiceViews.Installed install(ServiceRequests.InstallRequest request) {
        return calls.post(ApiPath.v1("services"), request, ServiceViews.Installed.class);
    }

    /** {@code POST /v1/services/{service}/update}: new options; the update plan rolls the pods. */
    public ServiceViews.Installed update(String service, ServiceRequests.UpdateRequest request) {
        return calls.post(service(service).then("update"), request, ServiceViews.Installed.class);
    }

    /**
     * {@code DELETE /v1/services/{service}}: starts the uninstall (kill tasks, destroy volumes, unreserve);
     * the service is listed until everything is released.
     */
    public ServiceViews.Accepted uninstall(String service) {
        return calls.delete(service(service), ServiceViews.Accepted.class);
    }

    /** {@code GET /v1/services/{service}/endpoints}: every endpoint's addresses, by endpoint name. */
    public Map<String, List<String>> endpoints(String service) {
        return calls.get(service(service).then("endpoints"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/services/{service}/endpoints/{name}}: one endpoint; {@link NotFoundException} while it has no address. */
    public ServiceViews.EndpointView endpoint(String service, String endpoint) {
        return calls.get(service(service).then("endpoints").name("endpoint", endpoint), ServiceViews.EndpointView.class);
    }

    /** {@code GET /v1/services/{service}/secrets}: names, purposes and fingerprints, never a value. */
    public List<ServiceViews.SecretInfo> secrets(String service) {
        return calls.get(service(service).then("secrets"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/services/{service}/secrets/{secret}}: one secret's value. */
    public ServiceViews.SecretValue secret(String service, String secret) {
        return calls.get(service(service).then("secrets").name("secret", secret), ServiceViews.SecretValue.class);
    }

    /** {@code PUT /v1/services/{service}/secrets/{secret}}: sets a secret its package leaves to an operator. */
    public ServiceViews.SecretInfo setSecret(String service, String secret, String value) {
        return calls.put(service(service).then("secrets").name("secret", secret), new ServiceViews.SecretValue(secret, value),
                ServiceViews.SecretInfo.class);
    }

    /** {@code GET /v1/services/{service}/configurations}: the target configuration and the earlier ones. */
    public ServiceViews.Configurations configurations(String service) {
        return calls.get(service(service).then("configurations"), ServiceViews.Configurations.class);
    }

    /**
     * {@code GET /v1/services/{service}/package/{resource}[/{item}]}: what the service's package shows of its
     * own (Cassandra's {@code backups}), as JSON; {@link NotFoundException} when it has no such thing.
     */
    public com.fasterxml.jackson.databind.JsonNode packageView(String service, String resource, java.util.Optional<String> item) {
        ApiPath path = service(service).then("package").name("resource", resource);
        return calls.get(item.map(i -> path.name("item", i)).orElse(path), com.fasterxml.jackson.databind.JsonNode.class);
    }

    /** {@code /v1/services/{service}}, shared by the plan and pod clients. */
    static ApiPath service(String service) {
        return ApiPath.v1("services").name("service", service);
    }
}
