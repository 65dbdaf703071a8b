package dev.berth.volumes;

import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Caller;
import dev.berth.reservations.Claim;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.OperationRefusedException;
import dev.berth.reservations.OperationRefusedException.Reason;
import dev.berth.reservations.Resource;
import dev.berth.reservations.ResourceKey;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The volumes of one agent and the tasks that use them, on top of that agent's
 * {@link AgentLedger}: CREATE, DESTROY, and the attach/detach a LAUNCH and a task's end make.
 *
 * <p><b>Why on top of the AgentLedger.</b> A volume holds reserved disk the way a task holds cpus:
 * as a {@link Claim#volume(String) volume claim} keyed by its persistence id. So the ledger's own
 * rules do the rest: disk held by a volume is not free (no second volume, no task gets it), and
 * UNRESERVE of that disk is refused while the volume exists. DESTROY releases the claim, which puts
 * the disk back into the <em>same reservation</em>, still reserved and now free — never into the
 * unreserved pool, because a framework that destroys a volume usually recreates it on its own
 * reservation (a replace, a re-format) and must not lose the disk to another role in between.
 *
 * <p><b>Immutable.</b> Every operation returns a new ledger or throws
 * {@link OperationRefusedException} and changes nothing. A list of volumes is applied all or
 * nothing simply because the intermediate ledgers are dropped when one volume is refused.
 *
 * <p><b>Invariants</b> (checked by the constructor, so no ledger breaks them, even one rebuilt from
 * stored state): every volume sits on reserved disk, has a claim in {@code ledger} holding exactly
 * its disk, and every volume claim in {@code ledger} belongs to a volume here; {@code users} names
 * only volumes that exist, with at least one task each. Task claims, RESERVE and UNRESERVE go
 * through {@link #withLedger}, which keeps these invariants.
 *
 * <p><b>Reasons for refusals.</b> CREATE of a volume whose disk carries no reservation at all is
 * {@link Reason#INVALID}: the request is malformed (a volume must name the reservation it is carved
 * from), as the AgentLedger treats a RESERVE without a reservation. A volume naming a reservation
 * (role, principal, labels, disk source) that the agent does not have is {@link Reason#NOT_RESERVED}.
 * A reservation's principal does not limit who carves volumes from it: any caller of the same role
 * may; who may CREATE at all is an ACL question decided before this ledger is asked.
 *
 * @param ledger  the agent's resources, reservations and claims
 * @param volumes the volumes on the agent, by persistence id
 * @param users   the tasks using each volume, by persistence id; volumes nobody uses are absent
 */
public record VolumeLedger(AgentLedger ledger, SortedMap<PersistenceId, Volume> volumes,
                           SortedMap<PersistenceId, SortedSet<String>> users) {
    static final String CREATE = "CREATE";
    static final String DESTROY = "DESTROY";
    static final String LAUNCH = "LAUNCH";

    public VolumeLedger {
        Objects.requireNonNull(ledger, "ledger");
        volumes = Collections.unmodifiableSortedMap(new TreeMap<>(volumes));
        TreeMap<PersistenceId, SortedSet<String>> usersCopy = new TreeMap<>();
        users.forEach((id, tasks) -> {
            if (!tasks.isEmpty()) {
                usersCopy.put(id, Collections.unmodifiableSortedSet(new TreeSet<>(tasks)));
            }
        });
        users = Collections.unmodifiableSortedMap(usersCopy);
        checkInvariants(ledger, volumes, users);
    }

    /** An agent without volumes. */
    public static VolumeLedger of(AgentLedger ledger) {
        return new VolumeLedger(ledger, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * CREATE: carves each volume out of the reserved, free disk it names. All or nothing.
     *
     * @throws OperationRefusedException INVALID (empty request, unreserved disk, MOUNT disk not used
     *     whole), ROLE_MISMATCH (disk reserved for another role than the caller's), DUPLICATE
     *     (persistence id already on the agent or twice in the request), NOT_RESERVED (no such
     *     reservation on the agent), INSUFFICIENT (the reservation has too little free disk)
     */
    public VolumeLedger create(Caller caller, List<Volume> request) {
        Objects.requireNonNull(caller, "caller");
        requireNonEmpty(CREATE, request);
        Set<PersistenceId> seen = new HashSet<>();
        VolumeLedger next = this;
        for (Volume volume : request) {
            if (!seen.add(volume.id())) {
                throw refuse(CREATE, Reason.DUPLICATE, "persistence id " + volume.id()
                        + " appears twice in the request; it names one volume on agent " + agentId());
            }
            next = next.createOne(caller, volume);
        }
        return next;
    }

    /**
     * DESTROY: removes each volume and gives its disk back to its reservation (still reserved, now
     * free). The volume must be given exactly as it was created. All or nothing.
     *
     * @throws OperationRefusedException INVALID (empty request), DUPLICATE (twice in the request),
     *     NOT_FOUND (no such volume, or one that differs from the given one), ROLE_MISMATCH (volume
     *     of another role), IN_USE (a task uses it; the message names the tasks)
     */
    public VolumeLedger destroy(Caller caller, List<Volume> request) {
        Objects.requireNonNull(caller, "caller");
        requireNonEmpty(DESTROY, request);
        Set<PersistenceId> seen = new HashSet<>();
        VolumeLedger next = this;
        for (Volume volume : request) {
            if (!seen.add(volume.id())) {
                throw refuse(DESTROY, Reason.DUPLICATE, "persistence id " + volume.id()
                        + " appears twice in the request");
            }
            next = next.destroyOne(caller, volume);
        }
        return next;
    }

    /**
     * A launched task uses the volume: DESTROY is refused until the task {@link #detach detaches}.
     * Whether the task's role may use the volume is checked by LAUNCH validation, which knows the task.
     *
     * @throws OperationRefusedException NOT_FOUND when the agent has no such volume, INVALID for a blank task id
     */
    public VolumeLedger attach(String taskId, PersistenceId id) {
        Objects.requireNonNull(id, "id");
        if (taskId == null || taskId.isBlank()) {
            throw refuse(LAUNCH, Reason.INVALID, "a task id is needed to use volume " + id);
        }
        if (!volumes.containsKey(id)) {
            throw refuse(LAUNCH, Reason.NOT_FOUND, "task " + taskId + " uses volume " + id
                    + " but agent " + agentId() + " has no volume with that persistence id; it has "
                    + idsOrNothing(volumes.keySet()));
        }
        TreeMap<PersistenceId, SortedSet<String>> next = new TreeMap<>(users);
        TreeSet<String> tasks = new TreeSet<>(next.getOrDefault(id, Collections.emptySortedSet()));
        tasks.add(taskId);
        next.put(id, tasks);
        return new VolumeLedger(ledger, volumes, next);
    }

    /** The task ended (or was lost): it uses no volume any more. Idempotent. */
    public VolumeLedger detach(String taskId) {
        if (users.values().stream().noneMatch(tasks -> tasks.contains(taskId))) {
            return this;
        }
        TreeMap<PersistenceId, SortedSet<String>> next = new TreeMap<>();
        users.forEach((id, tasks) -> {
            TreeSet<String> rest = new TreeSet<>(tasks);
            rest.remove(taskId);
            next.put(id, rest);
        });
        return new VolumeLedger(ledger, volumes, next);
    }

    /**
     * The same volumes on a changed agent ledger: after RESERVE, UNRESERVE, or a task's claim or
     * release, e.g. {@code vl.withLedger(vl.ledger().unreserve(caller, r))}.
     *
     * @throws IllegalArgumentException if {@code next} lost or changed a volume's claim
     */
    public VolumeLedger withLedger(AgentLedger next) {
        return new VolumeLedger(next, volumes, users);
    }

    public Optional<Volume> volume(PersistenceId id) {
        return Optional.ofNullable(volumes.get(id));
    }

    /** The tasks using the volume; empty when none does (or no such volume). */
    public SortedSet<String> usersOf(PersistenceId id) {
        return users.getOrDefault(id, Collections.emptySortedSet());
    }

    /** The volumes on disk reserved for {@code role}. */
    public List<Volume> volumesOf(Role role) {
        return volumes.values().stream().filter(v -> v.role().filter(role::equals).isPresent()).toList();
    }

    private VolumeLedger createOne(Caller caller, Volume volume) {
        Role role = volume.role().orElseThrow(() -> refuse(CREATE, Reason.INVALID, volume
                + " is on unreserved disk; a volume is carved from disk reserved for the caller's role "
                + caller.role() + ": RESERVE it first (in the same accept) and name that reservation"));
        if (!role.equals(caller.role())) {
            throw refuse(CREATE, Reason.ROLE_MISMATCH, volume + " is on disk reserved for role " + role
                    + " but the caller acts for role " + caller.role());
        }
        Volume existing = volumes.get(volume.id());
        if (existing != null) {
            throw refuse(CREATE, Reason.DUPLICATE, "persistence id " + volume.id() + " is already used on agent "
                    + agentId() + " by " + existing);
        }
        if (volume.source().kind() == DiskSource.Kind.MOUNT) {
            Scalar whole = ledger.total().filter(r -> r.name().equals(Resource.DISK)
                    && r.source().equals(volume.source())).scalar(Resource.DISK);
            if (!whole.isZero() && !whole.equals(volume.size())) {
                throw refuse(CREATE, Reason.INVALID, volume + " takes " + volume.size() + " MiB of MOUNT disk "
                        + volume.source() + ", which has " + whole + " MiB; a MOUNT disk is used whole: ask for "
                        + whole + " MiB");
            }
        }
        ResourceKey bucket = volume.disk().key();
        Scalar reserved = amount(ledger.resources(), bucket);
        if (reserved.isZero()) {
            throw refuse(CREATE, Reason.NOT_RESERVED, volume + " needs disk reserved as " + bucket
                    + " but agent " + agentId() + " has no such reservation; disk reserved for " + role + ": "
                    + orNothing(ledger.resources().reservedFor(role).filter(r -> r.name().equals(Resource.DISK))));
        }
        Scalar free = amount(ledger.free(), bucket);
        if (!free.covers(volume.size())) {
            throw refuse(CREATE, Reason.INSUFFICIENT, volume + " needs " + volume.size() + " MiB but reservation "
                    + bucket + " on agent " + agentId() + " has " + free + " MiB free of " + reserved
                    + " MiB reserved (held by " + holders(bucket) + ")");
        }
        AgentLedger claimed = ledger.claim(Claim.volume(volume.id().value()), volume.resources());
        TreeMap<PersistenceId, Volume> next = new TreeMap<>(volumes);
        next.put(volume.id(), volume);
        return new VolumeLedger(claimed, next, users);
    }

    private VolumeLedger destroyOne(Caller caller, Volume volume) {
        Volume stored = volumes.get(volume.id());
        if (stored == null) {
            throw refuse(DESTROY, Reason.NOT_FOUND, "agent " + agentId() + " has no volume with persistence id "
                    + volume.id() + "; volumes of role " + caller.role() + ": " + idsOrNothing(
                    volumesOf(caller.role()).stream().map(Volume::id).toList()));
        }
        Role role = stored.role().orElseThrow();
        if (!role.equals(caller.role())) {
            throw refuse(DESTROY, Reason.ROLE_MISMATCH, stored + " belongs to role " + role
                    + " but the caller acts for role " + caller.role());
        }
        if (!stored.equals(volume)) {
            throw refuse(DESTROY, Reason.NOT_FOUND, "agent " + agentId() + " has " + stored + ", not " + volume
                    + "; DESTROY names the volume exactly as it was created");
        }
        SortedSet<String> tasks = usersOf(volume.id());
        if (!tasks.isEmpty()) {
            throw refuse(DESTROY, Reason.IN_USE, stored + " is in use by task " + String.join(", ", tasks)
                    + " on agent " + agentId() + "; destroy it after they end");
        }
        TreeMap<PersistenceId, Volume> next = new TreeMap<>(volumes);
        next.remove(volume.id());
        return new VolumeLedger(ledger.release(Claim.volume(volume.id().value())), next, users);
    }

    private String agentId() {
        return ledger.agentId();
    }

    /** Who holds disk of the bucket: {@code volume data-0 500 MiB, task node-0 100 MiB}. */
    private String holders(ResourceKey bucket) {
        String held = ledger.claims().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), amount(e.getValue(), bucket)))
                .filter(e -> !e.getValue().isZero())
                .map(e -> e.getKey() + " " + e.getValue() + " MiB")
                .collect(Collectors.joining(", "));
        return held.isEmpty() ? "nothing" : held;
    }

    private static Scalar amount(Resources resources, ResourceKey bucket) {
        return resources.filter(r -> r.key().equals(bucket)).scalar(bucket.name());
    }

    private static String orNothing(Resources resources) {
        return resources.isEmpty() ? "nothing" : resources.toString();
    }

    private static String idsOrNothing(java.util.Collection<PersistenceId> ids) {
        return ids.isEmpty() ? "none" : ids.stream().map(PersistenceId::value).collect(Collectors.joining(", "));
    }

    private static void requireNonEmpty(String op, List<Volume> request) {
        if (request == null || request.isEmpty()) {
            throw refuse(op, Reason.INVALID, "no volumes given");
        }
    }

    private static OperationRefusedException refuse(String op, Reason reason, String detail) {
        return new OperationRefusedException(op, reason, detail);
    }

    private static void checkInvariants(AgentLedger ledger, SortedMap<PersistenceId, Volume> volumes,
                                        SortedMap<PersistenceId, SortedSet<String>> users) {
        volumes.forEach((id, volume) -> {
            if (!volume.id().equals(id)) {
                throw new IllegalArgumentException("volume " + volume + " is filed under persistence id " + id);
            }
            if (volume.reservation().isEmpty()) {
                throw new IllegalArgumentException(volume + " is on unreserved disk");
            }
            Optional<Resources> claim = ledger.claimOf(Claim.volume(id.value()));
            if (!claim.equals(Optional.of(volume.resources()))) {
                throw new IllegalArgumentException(volume + " has no matching claim in the ledger of agent "
                        + ledger.agentId() + "; the claim holds " + claim.map(Resources::toString).orElse("nothing"));
            }
        });
        ledger.claims().keySet().stream()
                .filter(c -> c.kind() == Claim.Kind.VOLUME)
                .filter(c -> !volumes.containsKey(PersistenceId.of(c.id())))
                .findFirst()
                .ifPresent(c -> {
                    throw new IllegalArgumentException("the ledger of agent " + ledger.agentId() + " has a claim for "
                            + c + " but there is no such volume");
                });
        users.forEach((id, tasks) -> {
            if (!volumes.containsKey(id)) {
                throw new IllegalArgumentException("tasks " + tasks + " use volume " + id + ", which does not exist");
            }
            if (tasks.stream().anyMatch(t -> t == null || t.isBlank())) {
                throw new IllegalArgumentException("volume " + id + " has a blank task id among its users " + tasks);
            }
        });
    }
}
