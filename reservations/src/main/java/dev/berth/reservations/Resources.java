package dev.berth.reservations;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An immutable bag of resources with exact arithmetic. Resources with the same {@link ResourceKey}
 * are merged; empty amounts are dropped, so equal bags are equal objects.
 */
public final class Resources {
    public static final Resources EMPTY = new Resources(new TreeMap<>());

    private final SortedMap<ResourceKey, ResourceValue> amounts;

    private Resources(SortedMap<ResourceKey, ResourceValue> amounts) {
        this.amounts = Collections.unmodifiableSortedMap(amounts);
    }

    public static Resources of(Resource... resources) {
        return of(List.of(resources));
    }

    public static Resources of(Collection<Resource> resources) {
        TreeMap<ResourceKey, ResourceValue> map = new TreeMap<>();
        for (Resource r : resources) {
            map.merge(r.key(), r.value(), ResourceValue::plus);
        }
        map.values().removeIf(ResourceValue::isEmpty);
        return new Resources(map);
    }

    /** Parses the agent text form, see {@link ResourceText}. */
    public static Resources parse(String text) {
        return ResourceText.parse(text);
    }

    public List<Resource> list() {
        return amounts.entrySet().stream()
                .map(e -> new Resource(e.getKey().name(), e.getValue(), e.getKey().reservation(), e.getKey().source()))
                .toList();
    }

    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    public Resources plus(Resources other) {
        TreeMap<ResourceKey, ResourceValue> map = new TreeMap<>(amounts);
        other.amounts.forEach((k, v) -> map.merge(k, v, ResourceValue::plus));
        return new Resources(map);
    }

    /**
     * Subtracts {@code other}, refusing to go negative: throws {@link InsufficientResourcesException}
     * naming the first resource that falls short, and changes nothing.
     */
    public Resources minus(Resources other) {
        TreeMap<ResourceKey, ResourceValue> map = new TreeMap<>(amounts);
        for (Map.Entry<ResourceKey, ResourceValue> e : other.amounts.entrySet()) {
            ResourceValue have = map.get(e.getKey());
            if (have == null || !have.covers(e.getValue())) {
                throw new InsufficientResourcesException(e.getKey(), e.getValue(), have);
            }
            ResourceValue left = have.minus(e.getValue());
            if (left.isEmpty()) {
                map.remove(e.getKey());
            } else {
                map.put(e.getKey(), left);
            }
        }
        return new Resources(map);
    }

    /** True when every resource of {@code other} is here, in the same bucket, in at least that amount. */
    public boolean contains(Resources other) {
        return shortfall(other).isEmpty();
    }

    /** The first resource of {@code other} that is not covered here, with what there is of it. */
    public Optional<InsufficientResourcesException> shortfall(Resources other) {
        for (Map.Entry<ResourceKey, ResourceValue> e : other.amounts.entrySet()) {
            ResourceValue have = amounts.get(e.getKey());
            if (have == null || !have.covers(e.getValue())) {
                return Optional.of(new InsufficientResourcesException(e.getKey(), e.getValue(), have));
            }
        }
        return Optional.empty();
    }

    public Resources filter(Predicate<Resource> keep) {
        return filterKeys(k -> true, keep);
    }

    /**
     * The entries whose key passes {@code keyTest} and whose resource passes {@code keep}: a sorted map
     * filtered stays sorted and merged, so this walks it once instead of rebuilding it from a list (offers
     * and ledgers are filtered on every launch).
     */
    private Resources filterKeys(Predicate<ResourceKey> keyTest, Predicate<Resource> keep) {
        TreeMap<ResourceKey, ResourceValue> map = new TreeMap<>();
        for (Map.Entry<ResourceKey, ResourceValue> e : amounts.entrySet()) {
            ResourceKey k = e.getKey();
            if (keyTest.test(k) && keep.test(new Resource(k.name(), e.getValue(), k.reservation(), k.source()))) {
                map.put(k, e.getValue());
            }
        }
        return map.size() == amounts.size() ? this : new Resources(map);
    }

    /** True when any resource here is reserved; cheap, for hot loops that can skip role filtering. */
    public boolean anyReserved() {
        for (ResourceKey k : amounts.keySet()) {
            if (k.reservation().isPresent()) {
                return true;
            }
        }
        return false;
    }

    public Resources unreserved() {
        return filterKeys(k -> k.reservation().isEmpty(), r -> true);
    }

    public Resources reserved() {
        return filterKeys(k -> k.reservation().isPresent(), r -> true);
    }

    /** What is reserved for exactly this role. */
    public Resources reservedFor(Role role) {
        return filter(r -> r.reservation().map(x -> x.role().equals(role)).orElse(false));
    }

    /** What carries the given resource id label. */
    public Resources withResourceId(String resourceId) {
        return filter(r -> r.reservation().flatMap(x -> x.labels().resourceId()).map(resourceId::equals).orElse(false));
    }

    /** The same amounts with every reservation dropped: what they take from the unreserved pool. */
    public Resources withoutReservations() {
        return of(list().stream().map(Resource::unreserved).toList());
    }

    /** The same amounts, all reserved with {@code reservation}. */
    public Resources reservedAs(Reservation reservation) {
        return of(list().stream().map(r -> r.reservedFor(reservation)).toList());
    }

    /** Total scalar amount of {@code name} across all buckets. */
    public Scalar scalar(String name) {
        // a plain loop: every allocation and ledger change asks this for the dominant share
        Scalar out = Scalar.ZERO;
        for (Map.Entry<ResourceKey, ResourceValue> e : amounts.entrySet()) {
            if (e.getValue() instanceof Scalar v && e.getKey().name().equals(name)) {
                out = out.plus(v);
            }
        }
        return out;
    }

    /** All ranges of {@code name} across all buckets. */
    public Ranges ranges(String name) {
        // a plain loop: offer evaluation asks this for every task of every launch
        Ranges out = Ranges.EMPTY;
        for (Map.Entry<ResourceKey, ResourceValue> e : amounts.entrySet()) {
            if (e.getValue() instanceof Ranges r && e.getKey().name().equals(name)) {
                out = out.isEmpty() ? r : out.plus(r);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources r && amounts.equals(r.amounts);
    }

    @Override
    public int hashCode() {
        return amounts.hashCode();
    }

    /** The text form, {@code cpus:4;mem:8192;ports:[31000-32000]}; reserved buckets show their role. */
    @Override
    public String toString() {
        return list().stream().map(Resource::toString).collect(Collectors.joining(";"));
    }
}
