package dev.berth.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules a new target config must keep relative to the current one, so that an update never
 * loses data or moves a pod behind the operator's back. Refused: a change of the service's name,
 * role or principal (reservations and volumes are held under them); a pod removed; a pod count lowered
 * where the pod does not support decommission; a placement change (existing instances would no
 * longer fit); a volume added, removed or changed in path, size or type (volumes are created once,
 * with the reservation). Everything else — commands, resources, env, configs, checks, plans, new pods,
 * higher counts — may change and is rolled out by the update plan.
 */
public final class SpecUpdateValidator {
    private SpecUpdateValidator() {
    }

    /** Every rule {@code proposed} breaks; empty when the update may go ahead. */
    public static List<Violation> violations(ServiceSpec current, ServiceSpec proposed) {
        List<Violation> out = new ArrayList<>();
        same(out, "name", current.name(), proposed.name(), "a service cannot be renamed; install a new one");
        same(out, "role", current.role(), proposed.role(), "the role cannot change; reservations are held for it");
        same(out, "principal", current.principal(), proposed.principal(),
                "the principal cannot change; reservations are held under it");
        Map<String, PodSpec> proposedPods = byName(proposed.pods(), PodSpec::type);
        for (PodSpec before : current.pods()) {
            String at = "pods." + before.type();
            PodSpec after = proposedPods.get(before.type());
            if (after == null) {
                out.add(new Violation(at, before.allowDecommission()
                        ? "removed; scale it to count 0 first, which decommissions its instances"
                        : "removed; removing a pod needs decommission, which this pod does not support"));
                continue;
            }
            if (after.count() < before.count() && !after.allowDecommission()) {
                out.add(new Violation(at + ".count", before.count() + " -> " + after.count()
                        + "; scale-down needs decommission, which this pod does not support"));
            }
            if (!before.placement().equals(after.placement())) {
                out.add(new Violation(at + ".placement", "changed; it would move existing instances"));
            }
            volumes(out, at + ".volumes", before.volumes(), after.volumes());
        }
        return out;
    }

    /** @throws SpecException with every violation, when there is any */
    public static void check(ServiceSpec current, ServiceSpec proposed) {
        List<Violation> violations = violations(current, proposed);
        if (!violations.isEmpty()) {
            throw new SpecException("update of '" + current.name() + "' refused", violations);
        }
    }

    private static void volumes(List<Violation> out, String at, List<VolumeSpec> before, List<VolumeSpec> after) {
        String rule = "; volumes cannot change once created";
        List<VolumeSpec> gone = new ArrayList<>();
        List<VolumeSpec> added = new ArrayList<>(after);
        for (VolumeSpec old : before) {
            VolumeSpec match = after.stream().filter(v -> v.path().equals(old.path())).findFirst().orElse(null);
            if (match == null) {
                gone.add(old);
                continue;
            }
            added.remove(match);
            List<String> changes = changes(old, match);
            if (!changes.isEmpty()) {
                out.add(new Violation(at + "." + old.path(), String.join(", ", changes) + rule));
            }
        }
        // A volume whose path changed shows as one gone and one added at the same place: report it as such.
        while (!gone.isEmpty() && !added.isEmpty()) {
            VolumeSpec old = gone.remove(0);
            VolumeSpec renamed = added.remove(0);
            List<String> changes = new ArrayList<>();
            changes.add("path " + old.path() + " -> " + renamed.path());
            changes.addAll(changes(old, renamed));
            out.add(new Violation(at + "." + old.path(), String.join(", ", changes) + rule));
        }
        for (VolumeSpec old : gone) {
            out.add(new Violation(at + "." + old.path(), "removed" + rule));
        }
        for (VolumeSpec fresh : added) {
            out.add(new Violation(at + "." + fresh.path(), "added" + rule));
        }
    }

    private static List<String> changes(VolumeSpec old, VolumeSpec now) {
        List<String> changes = new ArrayList<>();
        if (old.sizeMib() != now.sizeMib()) {
            changes.add("size " + old.sizeMib() + " MiB -> " + now.sizeMib() + " MiB");
        }
        if (!old.type().equals(now.type())) {
            changes.add("type " + old.type() + " -> " + now.type());
        }
        return changes;
    }

    private static void same(List<Violation> out, String field, String before, String after, String why) {
        if (!before.equals(after)) {
            out.add(new Violation(field, "'" + before + "' -> '" + after + "'; " + why));
        }
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a));
    }
}
