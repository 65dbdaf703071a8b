package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.CheckInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.spec.CheckSpec;
import dev.berth.core.spec.ConfigTemplate;
import dev.berth.core.spec.PlanParameterSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import dev.berth.core.spec.VolumeSpec;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.InsufficientResourcesException;
import dev.berth.reservations.Labels;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Range;
import dev.berth.reservations.Ranges;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import dev.berth.volumes.ContainerPath;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Matches a step's needs against offers and answers ONE accept: RESERVE + CREATE + LAUNCH for the
 * first launch of a pod instance, or LAUNCH alone (with a RESERVE/UNRESERVE of the difference when
 * a task's cpus or mem changed) on the instance's own reservation, found by resource id, for every
 * later launch. Never a second reservation for the same instance. When nothing fits it says why,
 * per agent: the resource short and by how much, or the placement rule that excludes the agent.
 */
public final class OfferEvaluator {
    private final Role role;
    private final Principal principal;
    private final BiFunction<String, Map<String, Object>, String> templates;
    private final NodeCertificates certificates;
    private final AttributeValues attributeValues = new AttributeValues();

    /**
     * @param templates    renders a config template with its context (Mustache, no HTML escaping)
     * @param certificates issues TLS tasks their certificates
     */
    public OfferEvaluator(Role role, Principal principal, BiFunction<String, Map<String, Object>, String> templates,
                          NodeCertificates certificates) {
        this.role = role;
        this.principal = principal;
        this.templates = templates;
        this.certificates = certificates;
    }

    /** An evaluator whose TLS tasks get certificates from an authority of its own (unit tests). */
    public OfferEvaluator(Role role, Principal principal, BiFunction<String, Map<String, Object>, String> templates) {
        this(role, principal, templates, NodeCertificates.ownAuthority());
    }

    /** How this evaluator renders config templates: an update renders with it too, to see what changed. */
    public BiFunction<String, Map<String, Object>, String> templates() {
        return templates;
    }

    /** Learns the attribute values of the agents offered to the service (zones, for spread rules). */
    public void saw(List<Offer> offers) {
        attributeValues.saw(offers);
    }

    public Evaluation evaluate(LaunchRequest req, List<Offer> offers) {
        return req.home().isPresent() ? relaunch(req, req.home().get(), offers) : firstLaunch(req, offers);
    }

    // ------------------------------------------------------------------ first launch

    /**
     * The first offer that fits, the least crowded first when the pod spreads. Why each other offer did not
     * fit is worked out only when none does: the reasons name every agent, and a large service's step should
     * not build hundreds of them to throw away.
     */
    private Evaluation firstLaunch(LaunchRequest req, List<Offer> offers) {
        List<Offer> ordered = offers;
        if (PlacementCheck.spreads(req.pod())) {
            ordered = new ArrayList<>(offers);
            ordered.sort(Comparator.comparingLong((Offer o) -> PlacementCheck.crowding(req.pod(), o, req.others()))
                    .thenComparing(Offer::hostname));
        }
        Map<Offer, String> shortOf = new java.util.IdentityHashMap<>();
        for (Offer offer : ordered) {
            if (whyNot(req, offer).isEmpty()) {
                try {
                    return reserveAndLaunch(req, offer);
                } catch (Shortfall s) {
                    shortOf.put(offer, s.getMessage());
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        for (Offer offer : ordered) {
            Optional.ofNullable(shortOf.get(offer)).or(() -> whyNot(req, offer))
                    .ifPresent(why -> reasons.add(agent(offer) + ": " + why));
        }
        return new Evaluation.NoFit(noFit(req, reasons));
    }

    /** Why the instance may not go to the offer's agent, by the replace or the placement rules. */
    private Optional<String> whyNot(LaunchRequest req, Offer offer) {
        if (req.avoidIp().filter(offer.ip()::equals).isPresent()) {
            return Optional.of("the agent " + req.instanceName() + " is being replaced away from");
        }
        return PlacementCheck.refuse(req.pod(), offer, req.others(), attributeValues);
    }

    private Evaluation.Accept reserveAndLaunch(LaunchRequest req, Offer offer) {
        Resources pool = offer.resources().unreserved();
        String instance = req.instanceName();
        Map<String, Resources> taskResources = new LinkedHashMap<>();
        Resources toReserve = Resources.EMPTY;
        for (TaskSpec task : req.pod().tasks()) {
            Resources plain = Resources.of(Resource.scalar(Resource.CPUS, scalar(task.cpus())),
                    Resource.scalar(Resource.MEM, Scalar.of(task.memMib())));
            Ranges ports = pickPorts(task, pool.minus(toReserve.withoutReservations()).ranges(Resource.PORTS));
            if (!ports.isEmpty()) {
                plain = plain.plus(Resources.of(Resource.ports(ports)));
            }
            check(pool, toReserve.withoutReservations().plus(plain));
            Resources reserved = plain.reservedAs(reservation(instance + "-" + task.name()));
            taskResources.put(task.name(), reserved);
            toReserve = toReserve.plus(reserved);
        }
        List<Volume> volumes = new ArrayList<>();
        for (VolumeSpec v : req.pod().volumes()) {
            Resource disk = diskFor(v, pool.minus(toReserve.withoutReservations()))
                    .reservedFor(reservation(instance + "-" + v.path()));
            toReserve = toReserve.plus(Resources.of(disk));
            volumes.add(new Volume(PersistenceId.of(instance + "-" + slug(v.path()) + "-" + shortId()),
                    ContainerPath.of(v.path()), VolumeMode.RW, disk));
        }
        PodInstanceRecord home = new PodInstanceRecord(instance, req.pod().type(), req.index(), offer.agentId(),
                offer.hostname(), offer.ip(), offer.attributes(), taskResources, volumes, req.replacedIp(), List.of());
        List<TaskInfo> launched = tasks(req, home);
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.Reserve(toReserve));
        if (!volumes.isEmpty()) {
            ops.add(new Operation.Create(volumes));
        }
        ops.add(new Operation.Launch(launched));
        return new Evaluation.Accept(offer, ops, home, launched);
    }

    private Resource diskFor(VolumeSpec v, Resources pool) {
        if (v.type().equalsIgnoreCase("MOUNT")) {
            for (Resource r : pool.filter(r -> r.name().equals(Resource.DISK)
                    && r.source().kind() == DiskSource.Kind.MOUNT).list()) {
                if (((Scalar) r.value()).covers(Scalar.of(v.sizeMib()))) {
                    return r; // a MOUNT disk is taken whole
                }
            }
            throw new Shortfall("no MOUNT disk of at least " + v.sizeMib() + " MiB for volume " + v.path());
        }
        Resource root = Resource.scalar(Resource.DISK, Scalar.of(v.sizeMib()));
        check(pool, Resources.of(root));
        return root;
    }

    // ------------------------------------------------------------------ relaunch in place

    private Evaluation relaunch(LaunchRequest req, PodInstanceRecord home, List<Offer> offers) {
        Optional<Offer> mine = offers.stream().filter(o -> o.agentId().equals(home.agentId())).findFirst();
        if (mine.isEmpty()) {
            return new Evaluation.NoFit("waiting for an offer from agent " + home.hostname() + " (" + home.agentId()
                    + "), where " + home.name() + " has its reservation and volumes");
        }
        Offer offer = mine.get();
        for (Volume v : home.volumes()) {
            if (offer.volumes().stream().noneMatch(x -> x.id().equals(v.id()))) {
                return new Evaluation.NoFit(agent(offer) + ": volume " + v.id() + " of " + home.name()
                        + " is not in the offer");
            }
        }
        List<Operation> ops = new ArrayList<>();
        Map<String, Resources> taskResources = new LinkedHashMap<>(home.taskResources());
        Resources reserveMore = Resources.EMPTY;
        Resources giveBack = Resources.EMPTY;
        for (TaskSpec task : req.tasks()) {
            Resources current = home.taskResources().get(task.name());
            if (current == null) {
                return new Evaluation.NoFit(home.name() + " has no reservation for task " + task.name()
                        + "; a task added to a running pod needs a replace of the instance");
            }
            if (!offer.resources().contains(current)) {
                return new Evaluation.NoFit(agent(offer) + ": the reservation of " + home.name() + "-" + task.name()
                        + " is not free yet (its previous task still holds it)");
            }
            Reservation res = current.list().get(0).reservation().orElseThrow();
            Resources target = resize(current, task, res);
            Resources more = positive(target.minus(common(current, target)));
            Resources less = positive(current.minus(common(current, target)));
            reserveMore = reserveMore.plus(more);
            giveBack = giveBack.plus(less);
            taskResources.put(task.name(), target);
        }
        if (!reserveMore.isEmpty()) {
            Optional<InsufficientResourcesException> s = offer.resources().unreserved().shortfall(reserveMore.withoutReservations());
            if (s.isPresent()) {
                return new Evaluation.NoFit(agent(offer) + ": growing " + home.name() + " needs more: " + shortText(s.get()));
            }
            ops.add(new Operation.Reserve(reserveMore));
        }
        if (!giveBack.isEmpty()) {
            ops.add(new Operation.Unreserve(giveBack));
        }
        PodInstanceRecord updated = new PodInstanceRecord(home.name(), home.podType(), home.index(), home.agentId(),
                offer.hostname(), offer.ip(), offer.attributes(), taskResources, home.volumes(), home.replacedIp(),
                home.released());
        LaunchRequest only = new LaunchRequest(req.target(), req.pod(), req.index(), req.tasks(), Optional.of(updated),
                req.others(), req.options(), req.endpoints(), req.replacedIp(), req.avoidIp(), req.planParameters());
        List<TaskInfo> launched = tasks(only, updated);
        ops.add(new Operation.Launch(launched));
        return new Evaluation.Accept(offer, ops, updated, launched);
    }

    /** The task's reserved cpus and mem set to the spec's values; ports as they are. */
    private static Resources resize(Resources current, TaskSpec task, Reservation res) {
        Resources others = current.filter(r -> !r.name().equals(Resource.CPUS) && !r.name().equals(Resource.MEM));
        return others.plus(Resources.of(Resource.scalar(Resource.CPUS, scalar(task.cpus())),
                Resource.scalar(Resource.MEM, Scalar.of(task.memMib()))).reservedAs(res));
    }

    private static Resources common(Resources a, Resources b) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : a.list()) {
            Resources same = b.filter(x -> x.key().equals(r.key()));
            if (!same.isEmpty() && r.value() instanceof Scalar sa && same.list().get(0).value() instanceof Scalar sb) {
                out.add(r.withValue(sa.compareTo(sb) <= 0 ? sa : sb));
            } else if (!same.isEmpty()) {
                out.add(r);
            }
        }
        return Resources.of(out);
    }

    private static Resources positive(Resources r) {
        return r.filter(x -> !x.value().isEmpty());
    }

    // ------------------------------------------------------------------ tasks

    private List<TaskInfo> tasks(LaunchRequest req, PodInstanceRecord home) {
        List<TaskInfo> out = new ArrayList<>();
        List<VolumeMount> mounts = home.volumes().stream().map(v -> new VolumeMount(v.id().value(), role.name(),
                v.containerPath().value(), v.mode() == VolumeMode.RO)).toList();
        for (TaskSpec task : req.tasks()) {
            Resources resources = home.taskResources().get(task.name());
            String taskName = home.name() + "-" + task.name();
            Map<String, Integer> ports = Endpoints.ports(task, resources);
            Map<String, Object> context = context(req, home, task, ports);
            Map<String, String> files = new LinkedHashMap<>();
            for (ConfigTemplate c : task.configs()) {
                files.put(c.dest(), templates.apply(c.template(), context));
            }
            Map<String, String> labels = new HashMap<>(Map.of("pod_instance", home.name(), "pod_index",
                    Integer.toString(home.index()), "config_id", req.target().id(), "goal", task.goal().name(), "task", task.name()));
            if (task.tls().isPresent()) {
                NodeCertificates.Issued issued = certificates.issue(req.target().spec().name(), home.name(), home.ip(),
                        task.tls().get());
                files.putAll(issued.files());
                labels.putAll(issued.labels());
            }
            Map<String, String> env = new HashMap<>(task.env());
            env.put("BERTH_SERVICE", req.target().spec().name());
            env.put("BERTH_POD_INSTANCE", home.name());
            env.put("BERTH_CONFIG_ID", req.target().id());
            ports.forEach((name, port) -> env.put(task.ports().stream().filter(p -> p.name().equals(name))
                    .findFirst().map(PortSpec::envKey).orElse("PORT_" + name.toUpperCase(java.util.Locale.ROOT)), port.toString()));
            home.replacedIp().ifPresent(ip -> env.put("BERTH_REPLACE_IP", ip));
            req.planParameters().forEach((k, v) -> env.put(PlanParameterSpec.envKey(k), v));
            CommandInfo command = new CommandInfo(task.cmd(), env, task.artifacts(), task.java(), files,
                    req.pod().user().orElse(""));
            out.add(new TaskInfo(taskName + "__" + UUID.randomUUID(), taskName, home.agentId(), resources, command,
                    mounts, task.killGracePeriod(), labels, task.readiness().map(OfferEvaluator::checkInfo),
                    task.health().map(OfferEvaluator::checkInfo)));
        }
        return out;
    }

    /** A check of the spec as the agent runs it. */
    private static CheckInfo checkInfo(CheckSpec c) {
        return new CheckInfo(c.cmd(), c.interval(), c.delay(), c.timeout(), c.maxFailures());
    }

    /** What the task's config templates see: the names of {@link TemplateContext}, and the replaced address. */
    private static Map<String, Object> context(LaunchRequest req, PodInstanceRecord home, TaskSpec task,
                                               Map<String, Integer> ports) {
        Map<String, Object> ctx = new HashMap<>(new TemplateContext(req.target().spec().name(), req.options(),
                home.podType(), home.index(), task.name(), home.ip(), home.attributes(), ports, req.endpoints(),
                req.target().id()).toMap());
        home.replacedIp().ifPresent(ip -> ctx.put("replace_ip", ip));
        return ctx;
    }

    // ------------------------------------------------------------------ helpers

    private Ranges pickPorts(TaskSpec task, Ranges available) {
        List<Range> picked = new ArrayList<>();
        Ranges left = available;
        for (PortSpec p : task.ports()) {
            if (p.port() != 0) {
                if (!left.contains(p.port())) {
                    throw new Shortfall("port " + p.port() + " (" + p.name() + ") is not offered");
                }
                picked.add(Range.single(p.port()));
                left = left.minus(Ranges.of(Range.single(p.port())));
            }
        }
        for (PortSpec p : task.ports()) {
            if (p.port() == 0) {
                Ranges one = left.firstValues(1).orElseThrow(() -> new Shortfall("no free port for " + p.name()));
                picked.addAll(one.ranges());
                left = left.minus(one);
            }
        }
        return Ranges.of(picked);
    }

    private static void check(Resources pool, Resources need) {
        pool.shortfall(need).ifPresent(s -> {
            throw new Shortfall(shortText(s));
        });
    }

    /** {@code cpus short by 0.3 (needs 0.5, has 0.2)}. */
    static String shortText(InsufficientResourcesException s) {
        String name = s.key().name() + s.key().source();
        if (s.wanted() instanceof Scalar w) {
            Scalar have = s.available() instanceof Scalar a ? a : Scalar.ZERO;
            return name + " short by " + w.minus(have) + " (needs " + w + ", has " + have + ")";
        }
        return name + " " + s.wanted() + " not offered (offered: " + (s.available() == null ? "none" : s.available()) + ")";
    }

    private Reservation reservation(String resourceId) {
        return new Reservation(role, principal, Labels.resourceId(resourceId + "-" + shortId()));
    }

    private static String noFit(LaunchRequest req, List<String> reasons) {
        return "no offer fits " + req.instanceName() + (reasons.isEmpty() ? ": no offers yet" : ": " + String.join("; ", reasons));
    }

    private static String agent(Offer o) {
        return o.hostname() + " (" + o.ip() + ")";
    }

    private static Scalar scalar(double value) {
        return Scalar.parse("cpus", BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    private static String slug(String path) {
        return path.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Why one offer does not fit; caught per offer and reported with the agent's name. */
    private static final class Shortfall extends RuntimeException {
        Shortfall(String message) {
            super(message, null, false, false);
        }
    }
}
