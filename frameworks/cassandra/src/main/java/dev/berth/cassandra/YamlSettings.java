package dev.berth.cassandra;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cassandra.yaml settings that are not Berth's: its defaults, with the {@code cassandra.yaml_extra}
 * option laid over them, written as YAML at the end of the node's cassandra.yaml. A DBA writes the
 * option as YAML, in block or flow style ({@code {concurrent_reads: 64, compaction_throughput: 32MiB/s}}).
 *
 * <p>Why merged here and not appended as text: a setting given twice is refused by Cassandra's YAML
 * loader, and a DBA should be able to change a Berth default (commitlog_sync) as simply as add a new
 * setting. Settings that follow from the node's agent, ports and volume, or that cannot change once
 * the ring holds data, are refused with the option that governs them. Unknown settings are left for
 * Cassandra to refuse: which ones it knows depends on the release.
 */
final class YamlSettings {
    static final String OPTION = "cassandra.yaml_extra";

    /** Settings Berth writes from the node's identity, with what to use instead. */
    static final Map<String, String> OWNED = owned();

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private YamlSettings() {
    }

    private static Map<String, String> owned() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("listen_address", "listen_interface", "listen_interface_prefer_ipv6",
                "listen_on_broadcast_address", "broadcast_address", "rpc_address", "rpc_interface",
                "rpc_interface_prefer_ipv6", "broadcast_rpc_address")) {
            m.put(k, "the node listens on its agent's address");
        }
        for (String k : List.of("storage_port", "ssl_storage_port", "native_transport_port", "native_transport_port_ssl")) {
            m.put(k, "Berth assigns the node's ports from its agent's");
        }
        for (String k : List.of("data_file_directories", "commitlog_directory", "hints_directory",
                "saved_caches_directory", "cdc_raw_directory", "local_system_data_file_directory")) {
            m.put(k, "the node keeps its files on its persistent volume");
        }
        m.put("seed_provider", "seeds are the first cassandra.seeds nodes");
        m.put("endpoint_snitch", "the snitch reads cassandra.datacenter and the agents' rack or zone");
        m.put("cluster_name", "use the option cassandra.cluster_name");
        m.put("num_tokens", "use the option cassandra.num_tokens");
        m.put("initial_token", "tokens are allocated, cassandra.num_tokens per node");
        m.put("partitioner", "a ring's partitioner cannot change");
        m.put("auto_bootstrap", "new and replaced nodes must bootstrap to get their data");
        for (String k : List.of("authenticator", "authorizer", "role_manager")) {
            m.put(k, "use the option cassandra.authentication");
        }
        return Map.copyOf(m);
    }

    /** Defaults of what a DBA may change: the commit log bounded by the node's volume ({@code diskMib}). */
    static Map<String, Object> defaults(long diskMib) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allocate_tokens_for_local_replication_factor", 3);
        m.put("commitlog_sync", "periodic");
        m.put("commitlog_sync_period", "10000ms");
        // Cassandra's own default is a quarter of the file system, which is the agent's disk, not the volume.
        m.put("commitlog_total_space", Math.max(64, diskMib / 4) + "MiB");
        m.put("start_native_transport", true);
        return m;
    }

    /**
     * The option's settings, in the order given; empty for blank text.
     *
     * @throws IllegalArgumentException naming what is wrong: not YAML, not a mapping, a setting Berth owns
     */
    static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, Object> settings;
        try {
            settings = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new IllegalArgumentException("is not a YAML mapping of cassandra.yaml settings: "
                    + message.lines().findFirst().orElse(message));
        }
        if (settings == null) {
            return Map.of();
        }
        List<String> refused = new ArrayList<>();
        for (String key : new TreeSet<>(settings.keySet())) {
            if (OWNED.containsKey(key)) {
                refused.add(key + " (" + OWNED.get(key) + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("sets what Berth decides: " + String.join("; ", refused));
        }
        return settings;
    }

    /** Every problem of the option's value; empty when it is absent or fine. */
    static List<Violation> violations(Map<String, Object> options) {
        Object value = options.get(OPTION);
        if (value == null) {
            return List.of();
        }
        try {
            parse(value.toString());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new Violation(OPTION, e.getMessage()));
        }
    }

    /** The defaults with the option's settings laid over them, as YAML lines. */
    static String merged(long diskMib, String extra) {
        Map<String, Object> all = new LinkedHashMap<>(defaults(diskMib));
        all.putAll(parse(extra));
        return render(all);
    }

    static String render(Map<String, Object> settings) {
        if (settings.isEmpty()) {
            return "";
        }
        try {
            return YAML.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cassandra.yaml settings " + settings.keySet(), e);
        }
    }
}
