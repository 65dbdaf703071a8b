package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The instances of a service that have a home, with what placement rules and config templates ask of
 * them kept ready: which instances of a pod live on an agent, how many live at each value of each agent
 * attribute, and every endpoint's addresses in instance order. Immutable; {@link #with} and
 * {@link #without} share all but the changed paths of persistent maps, so a launch request can hold the
 * service's placements and one pod step costs O(log n) however many instances the service has — a
 * deploy of n pods is then not quadratic. Built for one service spec (its pods' ports and order); a new
 * target builds it anew with {@link #of}.
 */
public final class PlacedInstances {
    private final ServiceSpec spec;
    private final PMap<String, PodInstanceRecord> homes;
    private final PMap<AgentKey, PSortedSet<String>> byAgent;
    private final PMap<ValueKey, Integer> perValue;
    /** The values of each (pod, attribute) where instances live: those with a count in {@code perValue}. */
    private final PMap<AttributeKey, PSortedSet<String>> values;
    private final PMap<String, PSortedMap<Position, String>> endpoints;

    private PlacedInstances(ServiceSpec spec, PMap<String, PodInstanceRecord> homes, PMap<AgentKey, PSortedSet<String>> byAgent,
                            PMap<ValueKey, Integer> perValue, PMap<AttributeKey, PSortedSet<String>> values,
                            PMap<String, PSortedMap<Position, String>> endpoints) {
        this.spec = spec;
        this.homes = homes;
        this.byAgent = byAgent;
        this.perValue = perValue;
        this.values = values;
        this.endpoints = endpoints;
    }

    /** The instances of {@code pods} that have a home, placed by {@code spec}. */
    public static PlacedInstances of(ServiceSpec spec, Collection<PodInstanceRecord> pods) {
        PlacedInstances out = new PlacedInstances(spec, HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
                HashTreePMap.empty(), HashTreePMap.empty());
        for (PodInstanceRecord p : pods) {
            out = out.with(p);
        }
        return out;
    }

    /** With {@code p} as it is now: put in or replaced, or taken out when it has no home any more. */
    public PlacedInstances with(PodInstanceRecord p) {
        PlacedInstances base = without(p.name());
        if (!p.hasHome()) {
            return base;
        }
        PMap<AgentKey, PSortedSet<String>> agents = base.byAgent;
        AgentKey at = new AgentKey(p.podType(), p.agentId());
        agents = agents.plus(at, agents.getOrDefault(at, TreePSet.empty()).plus(p.name()));
        PMap<ValueKey, Integer> counts = base.perValue;
        PMap<AttributeKey, PSortedSet<String>> present = base.values;
        for (Map.Entry<String, String> a : p.attributes().entrySet()) {
            ValueKey k = new ValueKey(p.podType(), a.getKey(), a.getValue());
            int now = counts.getOrDefault(k, 0) + 1;
            counts = counts.plus(k, now);
            if (now == 1) {
                AttributeKey attribute = new AttributeKey(p.podType(), a.getKey());
                present = present.plus(attribute, present.getOrDefault(attribute, TreePSet.empty()).plus(a.getValue()));
            }
        }
        PMap<String, PSortedMap<Position, String>> served = base.endpoints;
        for (Map.Entry<Position, Endpoints.ServedPort> s : served(p).entrySet()) {
            String name = s.getValue().endpoint();
            served = served.plus(name, served.getOrDefault(name, TreePMap.empty())
                    .plus(s.getKey(), p.ip() + ":" + s.getValue().port()));
        }
        return new PlacedInstances(spec, base.homes.plus(p.name(), p), agents, counts, present, served);
    }

    /** Without the instance {@code name} (the same when it is not placed). */
    public PlacedInstances without(String name) {
        PodInstanceRecord p = homes.get(name);
        if (p == null) {
            return this;
        }
        PMap<AgentKey, PSortedSet<String>> agents = byAgent;
        AgentKey at = new AgentKey(p.podType(), p.agentId());
        PSortedSet<String> there = agents.get(at).minus(name);
        agents = there.isEmpty() ? agents.minus(at) : agents.plus(at, there);
        PMap<ValueKey, Integer> counts = perValue;
        PMap<AttributeKey, PSortedSet<String>> present = values;
        for (Map.Entry<String, String> a : p.attributes().entrySet()) {
            ValueKey k = new ValueKey(p.podType(), a.getKey(), a.getValue());
            int left = counts.get(k) - 1;
            counts = left == 0 ? counts.minus(k) : counts.plus(k, left);
            if (left == 0) {
                AttributeKey attribute = new AttributeKey(p.podType(), a.getKey());
                PSortedSet<String> rest = present.get(attribute).minus(a.getValue());
                present = rest.isEmpty() ? present.minus(attribute) : present.plus(attribute, rest);
            }
        }
        PMap<String, PSortedMap<Position, String>> served = endpoints;
        for (Map.Entry<Position, Endpoints.ServedPort> s : served(p).entrySet()) {
            String endpoint = s.getValue().endpoint();
            PSortedMap<Position, String> left = served.get(endpoint).minus(s.getKey());
            served = left.isEmpty() ? served.minus(endpoint) : served.plus(endpoint, left);
        }
        return new PlacedInstances(spec, homes.minus(name), agents, counts, present, served);
    }

    public Optional<PodInstanceRecord> get(String name) {
        return Optional.ofNullable(homes.get(name));
    }

    /** Every placed instance, in no particular order. */
    public Collection<PodInstanceRecord> all() {
        return homes.values();
    }

    public int size() {
        return homes.size();
    }

    /** The instances of pod {@code podType} that live on agent {@code agentId}, by name. */
    public Collection<String> onAgent(String podType, String agentId) {
        return byAgent.getOrDefault(new AgentKey(podType, agentId), TreePSet.empty());
    }

    /** How many instances of pod {@code podType} live on agents whose {@code attribute} is {@code value}. */
    public long count(String podType, String attribute, String value) {
        return perValue.getOrDefault(new ValueKey(podType, attribute, value), 0);
    }

    /** The values of {@code attribute} of the agents where instances of pod {@code podType} live, sorted. */
    public Collection<String> valuesOf(String podType, String attribute) {
        return values.getOrDefault(new AttributeKey(podType, attribute), TreePSet.empty());
    }

    /**
     * Endpoint name to the {@code ip:port} of each instance that serves it, in the order of the spec's
     * pods, then instance index, then the pod's tasks and ports ({@link Endpoints#of}'s order). The lists
     * are views, made without copying; whoever joins them pays for their length.
     */
    public Map<String, List<String>> endpoints() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        endpoints.forEach((name, addresses) -> out.put(name, new ValuesView(addresses)));
        return out;
    }

    /** Where each endpoint the instance serves goes in the lists, with its port. */
    private Map<Position, Endpoints.ServedPort> served(PodInstanceRecord p) {
        Map<Position, Endpoints.ServedPort> out = new LinkedHashMap<>();
        List<PodSpec> pods = spec.pods();
        for (int i = 0; i < pods.size(); i++) {
            // as in Endpoints.of: an instance beyond the pod's count (left by a scale-down) serves nothing
            if (pods.get(i).type().equals(p.podType()) && p.index() < pods.get(i).count()) {
                List<Endpoints.ServedPort> ports = Endpoints.served(pods.get(i), p);
                for (int j = 0; j < ports.size(); j++) {
                    out.put(new Position(i, p.index(), j), ports.get(j));
                }
            }
        }
        return out;
    }

    private record AgentKey(String podType, String agentId) {
    }

    private record AttributeKey(String podType, String attribute) {
    }

    private record ValueKey(String podType, String attribute, String value) {
    }

    /** An address's place in an endpoint's list: the pod's place in the spec, the instance index, the port's place. */
    private record Position(int pod, int index, int port) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Integer.compare(pod, o.pod);
            if (c == 0) {
                c = Integer.compare(index, o.index);
            }
            return c != 0 ? c : Integer.compare(port, o.port);
        }
    }

    /**
     * An immutable list over a persistent sorted map's values, made in O(1): iterated as it is, copied once
     * for indexed access.
     */
    private static final class ValuesView extends AbstractList<String> {
        private final PSortedMap<Position, String> map;
        private List<String> indexed;

        ValuesView(PSortedMap<Position, String> map) {
            this.map = map;
        }

        private List<String> indexed() {
            List<String> copy = indexed;
            if (copy == null) {
                copy = List.copyOf(map.values());
                indexed = copy;
            }
            return copy;
        }

        @Override
        public String get(int index) {
            return indexed().get(index);
        }

        @Override
        public java.util.ListIterator<String> listIterator(int index) {
            return indexed().listIterator(index);
        }

        @Override
        public Iterator<String> iterator() {
            return java.util.Collections.unmodifiableCollection(map.values()).iterator();
        }

        @Override
        public int size() {
            return map.size();
        }
    }
}
