package dev.berth.core.api;

import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.pkg.Package;
import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.ServiceCommand;
import dev.berth.core.sdk.ServiceManager;
import dev.berth.core.sdk.ServiceScheduler;
import dev.berth.core.sdk.ServiceTls;
import dev.berth.core.sdk.ServiceSnapshot;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Services under {@code /v1/services}: install, list, uninstall, update; their plans and the
 * operator's actions on them; their pods (info, status, restart, replace); their endpoints and
 * configurations. Packages under {@code /v1/packages}.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {
    @Inject
    MasterHolder holder;

    private ServiceManager services() {
        return holder.services();
    }

    @GET
    @Path("/packages")
    @Authorize(Action.READ_CLUSTER)
    public List<ServiceViews.PackageView> packages() {
        return services().packages().list().stream()
                .map(p -> new ServiceViews.PackageView(p.name(), p.version(), p.description(), List.of())).toList();
    }

    @GET
    @Path("/packages/{name}")
    @Authorize(Action.READ_CLUSTER)
    public ServiceViews.PackageView describePackage(@PathParam("name") String name) {
        Package p = services().packages().find(name).orElseThrow(() -> new NotFoundException("no package '" + name
                + "'; packages: " + services().packages().list().stream().map(Package::name).toList()));
        return new ServiceViews.PackageView(p.name(), p.version(), p.description(), p.defaults().describe());
    }

    @GET
    @Path("/services")
    @Authorize(Action.READ_CLUSTER)
    public List<ServiceViews.ServiceRow> list(@Context SecurityContext caller) {
        Authorizer access = holder.authorizer().orElseThrow();
        String who = AccessFilter.principal(caller);
        return services().services().values().stream().filter(s -> access.allows(who, Action.READ_SERVICE, s.snapshot().name()))
                .map(s -> ServiceViewMapping.row(s.snapshot())).toList();
    }

    @POST
    @Path("/services")
    @CheckedBeyond("install_service on the service name in the request body, here")
    public Response install(ServiceRequests.InstallRequest r, @Context SecurityContext caller) {
        if (r == null || r.packageName() == null) {
            throw new IllegalArgumentException("packageName: missing; expected the package to install, such as hello");
        }
        String name = r.name() == null ? r.packageName() : r.name();
        holder.authorizer().orElseThrow().check(AccessFilter.principal(caller), Action.INSTALL_SERVICE, name);
        ServiceTarget t = services().install(name, r.packageName(), r.options() == null ? Map.of() : r.options(),
                Optional.ofNullable(r.optionsFile()), AccessFilter.principal(caller));
        return Response.status(201).entity(ServiceViews.Installed.of(name, t)).build();
    }

    @DELETE
    @Path("/services/{svc}")
    @Authorize(value = Action.UNINSTALL_SERVICE, object = "svc")
    public Response uninstall(@PathParam("svc") String svc) {
        services().uninstall(svc);
        return Response.accepted(new ServiceViews.Accepted("uninstalling " + svc + ": killing tasks, destroying volumes,"
                + " unreserving; see its uninstall plan")).build();
    }

    @POST
    @Path("/services/{svc}/update")
    @Authorize(value = Action.UPDATE_SERVICE, object = "svc")
    public ServiceViews.Installed update(@PathParam("svc") String svc, ServiceRequests.UpdateRequest r,
                                         @Context SecurityContext caller) {
        ServiceTarget t = services().update(svc, r == null || r.options() == null ? Map.of() : r.options(),
                Optional.ofNullable(r == null ? null : r.optionsFile()), AccessFilter.principal(caller));
        return ServiceViews.Installed.of(svc, t);
    }

    @GET
    @Path("/services/{svc}/plans")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public List<ServiceViews.PlanView> plans(@PathParam("svc") String svc) {
        return services().get(svc).snapshot().plans().values().stream().map(ServiceViewMapping::plan).toList();
    }

    @GET
    @Path("/services/{svc}/plans/{plan}")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public ServiceViews.PlanView plan(@PathParam("svc") String svc, @PathParam("plan") String plan) {
        Map<String, Plan> plans = services().get(svc).snapshot().plans();
        Plan p = plans.get(plan);
        if (p == null) {
            throw new NotFoundException("service " + svc + " has no plan '" + plan + "'; plans: " + plans.keySet());
        }
        return ServiceViewMapping.plan(p);
    }

    @POST
    @Path("/services/{svc}/plans/{plan}/{action}")
    @Authorize(value = Action.PLAN_ACTION, object = "svc")
    public ServiceViews.PlanView planAction(@PathParam("svc") String svc, @PathParam("plan") String plan,
                                            @PathParam("action") String action, @QueryParam("phase") String phase,
                                            @QueryParam("step") String step, ServiceRequests.PlanActionRequest body) {
        return ServiceViewMapping.plan(services().planAction(svc, plan, action, Optional.ofNullable(phase),
                Optional.ofNullable(step), body == null ? Map.of() : body.parameters()));
    }

    /** What the service's package shows of its own (Cassandra's backups), read through its hooks. */
    @GET
    @Path("/services/{svc}/package/{resource}")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public Object packageView(@PathParam("svc") String svc, @PathParam("resource") String resource) throws Exception {
        return packageView(svc, resource, Optional.empty());
    }

    /** One item of what the service's package shows of its own (a backup's manifest). */
    @GET
    @Path("/services/{svc}/package/{resource}/{item}")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public Object packageItem(@PathParam("svc") String svc, @PathParam("resource") String resource,
                              @PathParam("item") String item) throws Exception {
        return packageView(svc, resource, Optional.of(item));
    }

    private Object packageView(String svc, String resource, Optional<String> item) throws Exception {
        return services().askPackage(svc, (hooks, context) -> hooks.read(context, resource, item)).orElseThrow(() -> new NotFoundException("the package of service "
                + svc + " shows no " + resource + item.map(i -> " '" + i + "'").orElse("")));
    }

    /** The service's secrets: names, what each is for, fingerprints; never a value. */
    @GET
    @Path("/services/{svc}/secrets")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public List<ServiceViews.SecretInfo> secrets(@PathParam("svc") String svc) {
        return services().secrets(svc);
    }

    /** Sets a secret that the service's package leaves to an operator; answers its fingerprint, never the value. */
    @jakarta.ws.rs.PUT
    @Path("/services/{svc}/secrets/{secret}")
    @Authorize(value = Action.WRITE_SECRETS, object = "svc")
    public ServiceViews.SecretInfo setSecret(@PathParam("svc") String svc, @PathParam("secret") String secret,
                                             ServiceViews.SecretValue body) {
        return services().setSecret(svc, secret, body == null ? null : body.value());
    }

    @GET
    @Path("/services/{svc}/secrets/{secret}")
    @Authorize(value = Action.READ_SECRETS, object = "svc")
    public ServiceViews.SecretValue secret(@PathParam("svc") String svc, @PathParam("secret") String secret) {
        return new ServiceViews.SecretValue(secret, services().secret(svc, secret));
    }

    @GET
    @Path("/services/{svc}/pods")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public List<ServiceViews.PodRow> pods(@PathParam("svc") String svc) {
        return ServiceViewMapping.pods(services().get(svc).snapshot());
    }

    @GET
    @Path("/services/{svc}/pods/{pod}/status")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public ServiceViews.PodRow podStatus(@PathParam("svc") String svc, @PathParam("pod") String pod) {
        return ServiceViewMapping.pods(services().get(svc).snapshot()).stream().filter(p -> p.instance().equals(pod)).findFirst()
                .orElseThrow(() -> noPod(svc, pod));
    }

    @GET
    @Path("/services/{svc}/pods/{pod}/info")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public ServiceViews.PodInfo podInfo(@PathParam("svc") String svc, @PathParam("pod") String pod) {
        ServiceSnapshot s = services().get(svc).snapshot();
        PodInstanceRecord r = s.pods().get(pod);
        if (r == null) {
            throw noPod(svc, pod);
        }
        return new ServiceViews.PodInfo(r, s.tasks().values().stream().filter(t -> t.podInstance().equals(pod))
                .map(t -> new TaskRecord(t.name(), t.podInstance(), t.configId(), t.info().withFileContentsHidden(), t.latest()))
                .toList());
    }

    @POST
    @Path("/services/{svc}/pods/{pod}/restart")
    @Authorize(value = Action.POD_ACTION, object = "svc")
    public ServiceViews.Accepted restartPod(@PathParam("svc") String svc, @PathParam("pod") String pod) {
        ServiceScheduler s = services().get(svc);
        requirePod(s, svc, pod);
        s.submit(new ServiceCommand.RestartPod(pod)).join();
        return new ServiceViews.Accepted("restarting " + pod + " in place; see the recovery plan");
    }

    @POST
    @Path("/services/{svc}/pods/{pod}/replace")
    @Authorize(value = Action.POD_ACTION, object = "svc")
    public ServiceViews.Accepted replacePod(@PathParam("svc") String svc, @PathParam("pod") String pod) {
        ServiceScheduler s = services().get(svc);
        requirePod(s, svc, pod);
        s.submit(new ServiceCommand.ReplacePod(pod)).join();
        return new ServiceViews.Accepted("replacing " + pod + " on another agent; see the recovery plan");
    }

    @GET
    @Path("/services/{svc}/endpoints")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public Map<String, List<String>> endpoints(@PathParam("svc") String svc) {
        ServiceScheduler s = services().get(svc);
        Map<String, List<String>> all = new TreeMap<>(s.snapshot().endpoints().addresses());
        // a TLS service's CA certificate has no address: GET .../endpoints/ca shows it
        ServiceTls.trusted(s).ifPresent(pem -> all.put(ServiceViews.EndpointView.CA, List.of()));
        return all;
    }

    @GET
    @Path("/services/{svc}/endpoints/{name}")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public ServiceViews.EndpointView endpoint(@PathParam("svc") String svc, @PathParam("name") String name) {
        ServiceScheduler s = services().get(svc);
        Optional<String> ca = ServiceTls.trusted(s);
        if (name.equals(ServiceViews.EndpointView.CA) && ca.isPresent()) {
            return ServiceViews.EndpointView.certificate(name, ca.get());
        }
        Map<String, List<String>> all = s.snapshot().endpoints().addresses();
        List<String> a = all.get(name);
        if (a == null) {
            throw new NotFoundException("service " + svc + " has no endpoint '" + name + "' (yet); endpoints: "
                    + new TreeMap<>(all).keySet() + (ca.isPresent() ? " and " + ServiceViews.EndpointView.CA : ""));
        }
        return new ServiceViews.EndpointView(name, a, String.join(",", a));
    }

    @GET
    @Path("/services/{svc}/configurations")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public ServiceViews.Configurations configurations(@PathParam("svc") String svc) {
        ServiceScheduler s = services().get(svc);
        return new ServiceViews.Configurations(s.snapshot().target(), s.history());
    }

    private static void requirePod(ServiceScheduler s, String svc, String pod) {
        if (!s.snapshot().pods().containsKey(pod)) {
            throw noPod(svc, pod);
        }
    }

    private static NotFoundException noPod(String svc, String pod) {
        return new NotFoundException("service " + svc + " has no pod instance '" + pod + "'");
    }
}
