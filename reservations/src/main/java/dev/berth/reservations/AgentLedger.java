package dev.berth.reservations;

import dev.berth.reservations.OperationRefusedException.Reason;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The resources of one agent and who holds them. Immutable: every operation returns a new ledger or
 * throws {@link OperationRefusedException} and leaves this one as it was, which makes applying a list
 * of operations atomically a matter of keeping the last ledger that succeeded.
 *
 * <p>Invariant: {@code resources.withoutReservations() == total}: reserving moves amounts from the
 * unreserved pool into a reserved bucket and back, it never creates or loses any. Claims (tasks,
 * volumes) take from {@code resources}; {@link #free()} is what no claim holds.
 */
public record AgentLedger(String agentId, Resources total, Resources resources, SortedMap<Claim, Resources> claims) {

    public AgentLedger {
        claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
    }

    /** A fresh agent: everything unreserved and free. */
    public static AgentLedger of(String agentId, Resources total) {
        if (!total.reserved().isEmpty()) {
            throw new IllegalArgumentException("an agent declares unreserved resources only, got " + total.reserved());
        }
        return new AgentLedger(agentId, total, total, new TreeMap<>());
    }

    /** What no task or volume holds. */
    public Resources free() {
        Resources held = claims.values().stream().reduce(Resources.EMPTY, Resources::plus);
        return resources.minus(held);
    }

    public Resources reserved() {
        return resources.reserved();
    }

    /**
     * RESERVE: moves unreserved, free resources into reservations. Every resource must carry a
     * reservation for the caller's role made by the caller's principal.
     */
    public AgentLedger reserve(Caller caller, Resources request) {
        String op = "RESERVE";
        requireNonEmpty(op, request);
        for (Resource r : request.list()) {
            Reservation res = r.reservation().orElseThrow(() -> refuse(op, Reason.INVALID,
                    r + " carries no reservation; RESERVE needs a role, a principal and labels"));
            requireRole(op, caller, r, res);
            if (!res.principal().equals(caller.principal())) {
                throw refuse(op, Reason.PRINCIPAL_MISMATCH, r + " names principal " + res.principal()
                        + " but the caller is principal " + caller.principal());
            }
        }
        requireWholeMountDisks(op, request);
        Resources needed = request.withoutReservations();
        Resources available = free().unreserved();
        available.shortfall(needed).ifPresent(s -> {
            throw refuse(op, Reason.INSUFFICIENT, "not enough unreserved free resources on agent " + agentId
                    + ": " + s.getMessage());
        });
        return withResources(resources.minus(needed).plus(request));
    }

    /**
     * UNRESERVE: gives exactly what was reserved (same role and labels) back to the unreserved pool.
     * Refused while a task or a volume holds any of it.
     */
    public AgentLedger unreserve(Caller caller, Resources request) {
        String op = "UNRESERVE";
        requireNonEmpty(op, request);
        for (Resource r : request.list()) {
            Reservation res = r.reservation().orElseThrow(() -> refuse(op, Reason.INVALID,
                    r + " carries no reservation; name the reservation to undo, with its labels"));
            requireRole(op, caller, r, res);
        }
        resources.reserved().shortfall(request).ifPresent(s -> {
            throw refuse(op, Reason.NOT_RESERVED, "agent " + agentId + " has no such reservation: " + s.getMessage()
                    + "; reserved for " + caller.role() + ": " + describe(resources.reservedFor(caller.role())));
        });
        free().shortfall(request).ifPresent(s -> {
            throw refuse(op, Reason.IN_USE, s.key().name() + " of that reservation is in use by "
                    + holdersOf(request) + " on agent " + agentId + ": " + s.getMessage());
        });
        return withResources(resources.minus(request).plus(request.withoutReservations()));
    }

    /** A task or volume takes resources that must be free on this agent. */
    public AgentLedger claim(Claim claim, Resources used) {
        String op = claim.kind() == Claim.Kind.TASK ? "LAUNCH" : "CREATE";
        if (claims.containsKey(claim)) {
            throw refuse(op, Reason.DUPLICATE, claim + " already holds " + claims.get(claim) + " on agent " + agentId);
        }
        free().shortfall(used).ifPresent(s -> {
            throw refuse(op, Reason.INSUFFICIENT, "not enough free resources on agent " + agentId
                    + " for " + claim + ": " + s.getMessage());
        });
        TreeMap<Claim, Resources> next = new TreeMap<>(claims);
        next.put(claim, used);
        return new AgentLedger(agentId, total, resources, next);
    }

    /** The claim ends (task terminal, volume destroyed); its resources are free again, still reserved if they were. */
    public AgentLedger release(Claim claim) {
        if (!claims.containsKey(claim)) {
            return this;
        }
        TreeMap<Claim, Resources> next = new TreeMap<>(claims);
        next.remove(claim);
        return new AgentLedger(agentId, total, resources, next);
    }

    /**
     * The agent came back with other resources (Mesos's agent reconfiguration): reservations and claims
     * stay as they are, the unreserved pool becomes what the new total leaves beside the reservations. A
     * growth is always accepted; a shrink only while the new total still holds everything reserved and
     * everything that tasks and volumes use of the unreserved pool. Refused with what does not fit.
     */
    public AgentLedger resize(Resources newTotal) {
        if (!newTotal.reserved().isEmpty()) {
            throw refuse("REREGISTER", Reason.INVALID, "an agent declares unreserved resources only, got "
                    + newTotal.reserved());
        }
        Resources reserved = resources.reserved();
        Resources unreservedHeld = claims.values().stream().reduce(Resources.EMPTY, Resources::plus).unreserved();
        Resources needed = reserved.withoutReservations().plus(unreservedHeld);
        newTotal.shortfall(needed).ifPresent(s -> {
            throw refuse("REREGISTER", Reason.IN_USE, "agent " + agentId + " re-registered with " + newTotal
                    + ", which cannot hold what is reserved (" + (reserved.isEmpty() ? "nothing" : reserved)
                    + ") and used of its unreserved resources (" + (unreservedHeld.isEmpty() ? "nothing" : unreservedHeld)
                    + "): " + s.getMessage() + "; an agent may grow, or shrink only to what is free");
        });
        Resources unreserved = newTotal.minus(reserved.withoutReservations());
        return new AgentLedger(agentId, newTotal, unreserved.plus(reserved), claims);
    }

    public Optional<Resources> claimOf(Claim claim) {
        return Optional.ofNullable(claims.get(claim));
    }

    private AgentLedger withResources(Resources next) {
        return new AgentLedger(agentId, total, next, claims);
    }

    private String holdersOf(Resources request) {
        var keys = request.list().stream().map(Resource::key).collect(Collectors.toSet());
        return claims.entrySet().stream()
                .filter(e -> e.getValue().list().stream().anyMatch(r -> keys.contains(r.key())))
                .map(e -> e.getKey().toString())
                .collect(Collectors.joining(", "));
    }

    /** A MOUNT disk is one device: it is reserved whole or not at all, as in Mesos. */
    private void requireWholeMountDisks(String op, Resources request) {
        for (Resource r : request.list()) {
            if (r.source().kind() == DiskSource.Kind.MOUNT) {
                Scalar whole = total.filter(t -> t.source().equals(r.source())).scalar(Resource.DISK);
                if (!whole.equals(r.value())) {
                    throw refuse(op, Reason.INVALID, r + " is part of MOUNT disk " + r.source().root()
                            + " of " + whole + " MiB; a MOUNT disk is reserved whole");
                }
            }
        }
    }

    private static void requireNonEmpty(String op, Resources request) {
        if (request.isEmpty()) {
            throw refuse(op, Reason.INVALID, "no resources given");
        }
    }

    private static void requireRole(String op, Caller caller, Resource r, Reservation res) {
        if (!res.role().equals(caller.role())) {
            throw refuse(op, Reason.ROLE_MISMATCH, r + " is for role " + res.role()
                    + " but the caller acts for role " + caller.role());
        }
    }

    private static String describe(Resources r) {
        return r.isEmpty() ? "nothing" : r.toString();
    }

    private static OperationRefusedException refuse(String op, Reason reason, String detail) {
        return new OperationRefusedException(op, reason, detail);
    }
}
