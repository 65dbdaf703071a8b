package dev.berth.reservations;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Key/value labels on a reservation. The label {@value #RESOURCE_ID} carries the resource id with
 * which a framework finds its own reservation again after a restart.
 */
public record Labels(SortedMap<String, String> values) implements Comparable<Labels> {
    public static final String RESOURCE_ID = "resource_id";
    public static final Labels NONE = new Labels(new TreeMap<>());

    public Labels {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Labels of(Map<String, String> values) {
        return new Labels(new TreeMap<>(values));
    }

    public static Labels resourceId(String id) {
        return of(Map.of(RESOURCE_ID, id));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> resourceId() {
        return get(RESOURCE_ID);
    }

    public Labels with(String key, String value) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Labels(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Entry by entry, key then value, the shorter first when one is the start of the other: the order of
     * reserved resources in a ledger, so it is asked on every ledger change and must not build text.
     */
    @Override
    public int compareTo(Labels other) {
        java.util.Iterator<Map.Entry<String, String>> a = values.entrySet().iterator();
        java.util.Iterator<Map.Entry<String, String>> b = other.values.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            Map.Entry<String, String> x = a.next();
            Map.Entry<String, String> y = b.next();
            int c = x.getKey().compareTo(y.getKey());
            if (c == 0) {
                c = x.getValue().compareTo(y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
