package dev.berth.core.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.access.AccessRole;
import dev.berth.core.access.AccessStore;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.framework.FrameworkConnector;
import dev.berth.core.json.BerthJson;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.events.EventSink;
import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.offer.NodeCertificates;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.sdk.state.StateStore;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.SpecParser;
import dev.berth.core.spec.SpecUpdateValidator;
import dev.berth.core.spec.Violation;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The installed services of the cluster, run by the leading master: install renders a package's spec
 * from the options and starts the service's framework; update validates a new target and starts its
 * update plan; uninstall releases everything. When a master takes the lead it resumes every service
 * from its state store, and the frameworks register again with their ids.
 */
public final class ServiceManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceManager.class);

    private final FrameworkConnector master;
    private final PackageRepository packages;
    private final Function<String, StateStore> stores;
    private final Clock clock;
    private final ServiceScheduler.Settings settings;
    private final AccessStore access;
    private final EventSink events;
    private final ServiceObservers observers;
    private final Map<String, ServiceScheduler> services = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A service refused for a state reason (already installed, uninstalling): answered 409. */
    public static final class ServiceConflictException extends IllegalStateException {
        public ServiceConflictException(String message) {
            super(message);
        }
    }

    /** No such service: answered 404. */
    public static final class NoSuchServiceException extends RuntimeException {
        public NoSuchServiceException(String message) {
            super(message);
        }
    }

    /**
     * @param access where each service's framework principal is given its rights at install (and loses them at
     *               uninstall): a framework for the service's own role only
     */
    public ServiceManager(FrameworkConnector master, PackageRepository packages, Function<String, StateStore> stores, Clock clock,
                          ServiceScheduler.Settings settings, AccessStore access) {
        this(master, packages, stores, clock, settings, access, ServiceObservers.none());
    }

    /** A manager whose services tell their observers what they change and how long it takes. */
    public ServiceManager(FrameworkConnector master, PackageRepository packages, Function<String, StateStore> stores, Clock clock,
                          ServiceScheduler.Settings settings, AccessStore access, ServiceObservers observers) {
        this.observers = observers;
        this.events = observers.events();
        this.access = access;
        this.master = master;
        this.packages = packages;
        this.stores = stores;
        this.clock = clock;
        this.settings = settings;
    }

    public PackageRepository packages() {
        return packages;
    }

    /** Starts the frameworks of services that have state (after a master took the lead). */
    public void resume(List<String> names) {
        // every service's state is read from ZooKeeper side by side: a failover waits for the slowest, not the sum
        ClassLoader packagesLoader = Thread.currentThread().getContextClassLoader(); // hooks classes load through it
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(names.size(), 8)), r -> {
            Thread t = new Thread(r, "service-resume");
            t.setDaemon(true);
            t.setContextClassLoader(packagesLoader);
            return t;
        });
        try {
            Map<String, Future<Optional<ServiceScheduler>>> opening = new LinkedHashMap<>();
            for (String name : names) {
                opening.put(name, readers.submit(() -> {
                    StateStore store = stores.apply(name).prefetch();
                    return store.target().map(t -> open(name, store));
                }));
            }
            for (Map.Entry<String, Future<Optional<ServiceScheduler>>> e : opening.entrySet()) {
                Optional<ServiceScheduler> opened = e.getValue().get();
                if (opened.isPresent()) {
                    run(e.getKey(), opened.get());
                    LOG.infof("service %s resumed from its state store", e.getKey());
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resuming services", e);
        } finally {
            readers.shutdownNow();
        }
    }

    /**
     * Installs {@code packageName} as service {@code name} with options, and starts its deploy plan. The
     * {@code caller} must be allowed to launch as each OS user the service's nodes run as, since the
     * service's framework will be.
     */
    public synchronized ServiceTarget install(String name, String packageName, Map<String, String> overrides,
                                              Optional<JsonNode> optionsFile, String caller) {
        optionsFile = present(optionsFile);
        if (name == null || !SpecParser.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' is not valid; expected lower-case letters, digits"
                    + " and '-', starting and ending with a letter or digit, such as kafka or hello-1");
        }
        Package pkg = packages.find(packageName).orElseThrow(() -> new NoSuchServiceException("no package '"
                + packageName + "'; packages: " + packages.list().stream().map(Package::name).toList()));
        Options options = optionsFile.map(f -> Options.resolve(pkg.schema(), f, overrides))
                .orElseGet(() -> pkg.options(overrides));
        ServiceSpec spec = pkg.render(name, options);
        checkOptions(pkg, options, Optional.empty());
        checkLaunchUsers(caller, spec);
        // input first (400/404), then state (409): a request with bad options is told so either way
        if (services.containsKey(name)) {
            throw new ServiceConflictException("service " + name + " is already installed; use update to change it");
        }
        ServiceTarget target = new ServiceTarget(configId(), pkg.name(), pkg.version(), options.values(), options.given(),
                spec, clock.instant());
        StateStore store = stores.apply(name);
        // the secrets first: a target is what makes a store a service, and its tasks render them
        storeMissingSecrets(pkg, store);
        store.storeConfig(target);
        events.publish(ClusterEvent.Draft.of(EventKind.SERVICE_INSTALLED, name, name, "installed from package "
                + pkg.name() + " " + pkg.version() + " as config " + target.id(),
                Map.of("package", pkg.name(), "version", pkg.version(), "config", target.id(), "by", caller)));
        start(name, store);
        LOG.infof("service %s installed from package %s %s", name, pkg.name(), pkg.version());
        return target;
    }

    private void start(String name, StateStore store) {
        run(name, open(name, store));
    }

    /** The service's scheduler, its state read from its store; not yet known to the master. */
    private ServiceScheduler open(String name, StateStore store) {
        ServiceTarget target = store.target().orElseThrow();
        ServiceSpec spec = target.spec();
        ServiceHooks hooks = hooksOf(target.packageName());
        return new ServiceScheduler(name, store, clock,
                new OfferEvaluator(Role.of(spec.role()), Principal.of(spec.principal()),
                        new PackageTemplates(hooks, store::secrets), new NodeCertificates(store::certificateAuthority, clock)),
                settings, hooks, observers);
    }

    /** Registers the service's framework with the master, its rights granted first. */
    private void run(String name, ServiceScheduler scheduler) {
        StateStore store = scheduler.store();
        ServiceSpec spec = store.target().orElseThrow().spec();
        services.put(name, scheduler);
        grantFrameworkRights(spec);
        FrameworkInfo info = new FrameworkInfo(store.frameworkId(), name, Role.of(spec.role()),
                Principal.of(spec.principal()), Duration.ofDays(7));
        master.register(info, scheduler);
    }

    /**
     * The service's principal may act as a framework for the service's role, and nothing else: register,
     * reserve, create volumes, launch its nodes as the OS users its pods name. Written durably before the
     * framework registers; a no-op when the rules are there already. An update to another user adds that
     * user; the old one goes with the principal at uninstall.
     */
    private void grantFrameworkRights(ServiceSpec spec) {
        List<AclRule> rules = new java.util.ArrayList<>(AccessRole.FRAMEWORK.rules(spec.principal(), List.of(spec.role())));
        launchUsers(spec).forEach(user -> rules.add(AclRule.allow(spec.principal(), Action.LAUNCH_AS_USER, user)));
        if (!access.current().rules().containsAll(rules)) {
            access.update(s -> s.withRules(rules));
        }
    }

    /**
     * Refuses, before anything changes, a service whose nodes would run as an OS user the caller may not
     * launch as: installing or updating a service hands its framework that right, so it must not become a
     * way around the caller's own ACL (an operator setting a service's user to root, say).
     */
    private void checkLaunchUsers(String caller, ServiceSpec spec) {
        Authorizer authorizer = new Authorizer(access);
        for (String user : launchUsers(spec)) {
            authorizer.check(caller, Action.LAUNCH_AS_USER, user);
        }
    }

    /** The OS users the service's tasks run as: each pod's, or the agent's own (root) for a pod without one. */
    private static java.util.Set<String> launchUsers(ServiceSpec spec) {
        return spec.pods().stream().map(p -> p.user().filter(u -> !u.isEmpty()).orElse(Action.AGENT_USER))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * An options file only when one was given: a request body's {@code "optionsFile": null} arrives as
     * a JSON null, and taken as a file it would reset every option the user gave before to its default.
     */
    private static Optional<JsonNode> present(Optional<JsonNode> optionsFile) {
        return optionsFile.filter(f -> !f.isNull() && !f.isMissingNode());
    }

    /** Generates and keeps the secrets the package declares that the service does not have yet. */
    private void storeMissingSecrets(Package pkg, StateStore store) {
        store.secrets().missing(pkg.secrets(), random).forEach(store::storeSecret);
    }

    /**
     * A service's secret: its value, for an operator or an application that must log in (the API's
     * one way to read it). Never listed with the service nor logged.
     */
    public String secret(String service, String secret) {
        Secrets secrets = stores.apply(get(service).name()).secrets();
        return secrets.value(secret).orElseThrow(() -> new NoSuchServiceException("service " + service
                + " has no secret '" + secret + "'; secrets: " + secrets.names()));
    }

    /** The service's secrets by name, each with the description its package gives it; a given one not set yet too. */
    public List<ServiceViews.SecretInfo> secrets(String service) {
        ServiceScheduler s = get(service);
        Secrets secrets = stores.apply(s.name()).secrets();
        Map<String, String> descriptions = new TreeMap<>();
        packages.find(s.snapshot().target().packageName()).ifPresent(p -> p.secrets().forEach(d -> descriptions.put(d.name(), d.description())));
        java.util.Set<String> names = new java.util.TreeSet<>(secrets.names());
        names.addAll(descriptions.keySet());
        return names.stream().map(n -> new ServiceViews.SecretInfo(n, descriptions.getOrDefault(n, ""),
                secrets.fingerprint(n).orElse("(not set)"))).toList();
    }

    /** Sets a secret the service's package leaves to an operator ({@code given}); refused for any other. */
    public ServiceViews.SecretInfo setSecret(String service, String name, String value) {
        ServiceScheduler s = get(service);
        Package pkg = packages.find(s.snapshot().target().packageName()).orElseThrow(() -> new IllegalStateException(
                "service " + service + ": its package " + s.snapshot().target().packageName() + " is not known here"));
        return GivenSecrets.set(service, pkg, stores.apply(s.name()), name, value);
    }

    /** The package's own rules across options; refused whole, with every rule broken. */
    private void checkOptions(Package pkg, Options options, Optional<Map<String, Object>> current) {
        List<Violation> violations = hooksOf(pkg.name()).invalidOptions(options.values(), current);
        if (!violations.isEmpty()) {
            throw new SpecException("invalid options for package '" + pkg.name() + "'", violations);
        }
    }

    /** The package's Java hooks, when it names a class; none otherwise. */
    private ServiceHooks hooksOf(String packageName) {
        Optional<String> className = packages.find(packageName).flatMap(Package::hooksClass);
        if (className.isEmpty()) {
            return ServiceHooks.NONE;
        }
        try {
            Class<?> c = Class.forName(className.get(), true, Thread.currentThread().getContextClassLoader());
            return (ServiceHooks) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("package " + packageName + " names hooks class " + className.get()
                    + " that cannot be made a ServiceHooks: " + e);
        }
    }

    /**
     * A new target from options changed on top of those given before: validated against the schema
     * and the update rules (refused whole, with every violation), then rolled by the update plan.
     */
    public synchronized ServiceTarget update(String name, Map<String, String> overrides, Optional<JsonNode> optionsFile,
                                             String caller) {
        optionsFile = present(optionsFile);
        ServiceScheduler s = get(name);
        ServiceTarget current = s.snapshot().target();
        Package pkg = packages.get(current.packageName());
        Options given = Options.resolve(pkg.schema(),
                BerthJson.mapper().valueToTree(Options.nested(current.given())), Map.of());
        Options next = optionsFile.map(f -> Options.resolve(pkg.schema(), f, overrides)).orElseGet(() -> given.with(overrides));
        ServiceSpec spec = pkg.render(name, next);
        checkOptions(pkg, next, Optional.of(current.options()));
        SpecUpdateValidator.check(current.spec(), spec);
        checkLaunchUsers(caller, spec);
        if (spec.equals(current.spec()) && next.values().equals(current.options())) {
            throw new ServiceConflictException("service " + name + ": the options are the same as the target's; nothing to update");
        }
        // last, since it may ask the database: the rules only the running service can check
        List<Violation> live = UpdateCheck.violations(s, stores.apply(name).secrets(), next.values());
        if (!live.isEmpty()) {
            throw new SpecException("update refused by the running service", live);
        }
        ServiceTarget target = new ServiceTarget(configId(), pkg.name(), pkg.version(), next.values(), next.given(), spec,
                clock.instant());
        storeMissingSecrets(pkg, stores.apply(name));
        grantFrameworkRights(spec); // a new user of the nodes, before the update plan launches them as it
        s.submit(new ServiceCommand.UpdateTarget(target)).join();
        return target;
    }

    /** Uninstalls: completes when every task is stopped, every volume destroyed and every reservation given back. */
    public java.util.concurrent.CompletableFuture<Void> uninstall(String name) {
        ServiceScheduler s = get(name);
        String principal = s.snapshot().target().spec().principal();
        // the uninstall plan is in the state store before this returns (and the API answers): a failover
        // right after the answer goes on uninstalling
        java.util.concurrent.CompletableFuture<Void> done = s.submit(new ServiceCommand.Uninstall()).join();
        return done.thenRun(() -> {
            services.remove(name);
            access.update(a -> a.withoutPrincipal(principal));
            events.publish(ClusterEvent.Draft.of(EventKind.SERVICE_UNINSTALLED, name, name, "uninstalled: its nodes"
                    + " stopped, its reservations, volumes and state removed", Map.of()));
            LOG.infof("service %s uninstalled", name);
        });
    }

    public Map<String, ServiceScheduler> services() {
        return new TreeMap<>(services);
    }

    public ServiceScheduler get(String name) {
        ServiceScheduler s = services.get(name);
        if (s == null) {
            throw new NoSuchServiceException("no service '" + name + "'; services: " + new TreeMap<>(services).keySet());
        }
        return s;
    }

    /** Asks a service's package on the caller's thread, with what its hooks see of the service now. */
    public <T> T askPackage(String service, HookQuestion<T> question) throws Exception {
        ServiceScheduler s = get(service);
        return question.ask(s.hooks(), PackageContexts.now(s, stores.apply(service).secrets()));
    }

    /** An operator's action on a plan: start, stop, continue, force-complete, restart. */
    public Plan planAction(String service, String planName, String action, Optional<String> phase, Optional<String> step) {
        return planAction(service, planName, action, phase, step, Map.of());
    }

    /** An operator's action on a plan, with the parameters a start takes ({@code -p name=b1}). */
    public Plan planAction(String service, String planName, String action, Optional<String> phase, Optional<String> step,
                           Map<String, String> parameters) {
        PlanAction parsed = PlanAction.parse(action);
        ServiceScheduler scheduler = get(service);
        if (parsed == PlanAction.START) {
            StartCheck.check(scheduler, stores.apply(service).secrets(), planName, parameters);
        }
        return scheduler.submit(new ServiceCommand.ChangePlan(planName, parsed, phase, step, parameters)).join();
    }

    private String configId() {
        return "config-" + clock.instant().toEpochMilli() + "-" + java.util.UUID.randomUUID().toString().substring(0, 4);
    }

    @Override
    public void close() {
        services.values().forEach(ServiceScheduler::close);
        services.clear();
    }
}
