package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.Offer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of agent attributes a service has seen in its offers (zones a, b, c), for spread rules: a
 * framework learns the cluster's zones from the offers it gets, as Marathon's GROUP_BY and the service SDK's
 * round-robin rules do. Values are never forgotten while the service runs; a restarted scheduler learns them
 * again from its first offers and from where its instances live.
 */
public final class AttributeValues {
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

    /** Records every attribute value of the offers' agents. */
    public void saw(Collection<Offer> offers) {
        for (Offer o : offers) {
            o.attributes().forEach((k, v) -> seen.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(v));
        }
    }

    /** The values of {@code attribute} seen so far, sorted. */
    public Set<String> of(String attribute) {
        return new TreeSet<>(seen.getOrDefault(attribute, Set.of()));
    }
}
