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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Settings that would let the node reach beyond its sandbox and volume are refused too, wherever
 * they sit in the nested settings (see {@link #reach}): a shell command to run (the audit and full
 * query logs' {@code archive_command}, and {@code allow_nodetool_archive_command}, which lets one be
 * given later), a file or directory on the agent (keys ending in {@code _dir}, {@code _directory},
 * {@code _file}, {@code _path}, and keystores and truststores: the node keeps its files where Berth lays
 * them out; the full query log even empties its {@code log_dir}), a class to load that is not
 * Cassandra's own (a {@code class_name}, and the settings that take a class), JMX (Berth sets it up for
 * nodetool and its checks), user-defined functions outside Cassandra's sandbox, and YAML merge keys
 * (which would hide a setting from this check). This is a
 * deny-list of such kinds of key, not an allow-list of harmless ones: cassandra.yaml has some 300
 * tuning settings that change with every release, which an allow-list would have to follow or
 * refuse, while the settings that reach outside follow a few naming patterns that also catch the
 * ones a later release adds ({@code *_directory}, {@code *_file}, {@code class_name}). A named
 * setting a new release adds outside those patterns has to be added here.
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
        m.put("client_encryption_options", "use the option cassandra.tls");
        m.put("server_encryption_options", "use the option cassandra.tls");
        m.put("jmx_server_options", "Berth sets up JMX, its port and password, for nodetool and its checks");
        return Map.copyOf(m);
    }

    /** Settings that take a class to load, written as a class name or as {@code class_name} with parameters. */
    static final Set<String> CLASS_SETTINGS = Set.of("network_authorizer", "cidr_authorizer", "crypto_provider",
            "internode_authenticator", "back_pressure_strategy", "ssl_context_factory", "logger", "key_provider",
            "failure_detector", "node_proximity", "initial_location_provider", "commitlog_compression",
            "hints_compression", "default_compaction", "password_policy", "role_name_policy");

    /** Settings (with the names Cassandra still accepts for them) that let user-defined functions leave its sandbox. */
    static final Set<String> UNSANDBOXED_FUNCTIONS = Set.of("allow_insecure_udfs", "allow_extra_insecure_udfs",
            "user_defined_functions_threads_enabled", "enable_user_defined_functions_threads",
            "scripted_user_defined_functions_enabled", "enable_scripted_user_defined_functions");

    /** What a built-in class name starts with; a name without a dot is Cassandra's own, looked up in its packages. */
    static final String CASSANDRAS_PACKAGE = "org.apache.cassandra.";

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
     * @throws IllegalArgumentException naming what is wrong: not YAML, not a mapping, a setting Berth owns or one
     *     that reaches beyond the node's sandbox and volume
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
        List<String> reaching = new ArrayList<>();
        for (String key : new TreeSet<>(settings.keySet())) {
            if (OWNED.containsKey(key)) {
                refused.add(key + " (" + OWNED.get(key) + ")");
            } else {
                reach(key, settings.get(key), reaching);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!refused.isEmpty()) {
            problems.add("sets what Berth decides: " + String.join("; ", refused));
        }
        if (!reaching.isEmpty()) {
            problems.add("sets what would reach beyond the node's sandbox and volume: " + String.join("; ", reaching));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return settings;
    }

    /**
     * Adds to {@code out} why the setting at {@code path} (dotted, with list indexes) or one nested in it
     * would let the node run a command, touch files, or load code Berth has not laid out for it.
     */
    static void reach(String path, Object value, List<String> out) {
        String key = lastKey(path).toLowerCase(Locale.ROOT);
        if (key.equals("<<")) {
            out.add(path + " (a YAML merge key; write the settings out)");
            return;
        }
        if (key.endsWith("archive_command")) {
            out.add(path + shown(value) + " (runs a shell command on the agent)");
            return;
        }
        if (key.endsWith("_dir") || key.endsWith("_dirs") || key.endsWith("_directory") || key.endsWith("_directories")
                || key.endsWith("_file") || key.endsWith("_path") || key.endsWith("keystore") || key.endsWith("truststore")) {
            out.add(path + shown(value) + " (names a file or directory on the agent; the node keeps its files in its"
                    + " sandbox and volume, where Berth lays them out)");
            return;
        }
        if (UNSANDBOXED_FUNCTIONS.contains(key)) {
            out.add(path + shown(value) + " (lets user-defined functions run outside Cassandra's sandbox)");
            return;
        }
        if (key.endsWith("class_name") || CLASS_SETTINGS.contains(key) && value instanceof String) {
            if (!(value instanceof String name) || !isCassandras(name)) {
                out.add(path + shown(value) + " (loads a class that is not Cassandra's own; allowed: a class of"
                        + " Cassandra's by its short name, e.g. LZ4Compressor, or under " + CASSANDRAS_PACKAGE + ")");
            }
            return;
        }
        if (value instanceof Map<?, ?> nested) {
            nested.forEach((k, v) -> reach(path + "." + k, v, out));
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                reach(path + "[" + i + "]", items.get(i), out);
            }
        }
    }

    private static boolean isCassandras(String className) {
        String name = className.strip();
        return !name.isEmpty() && (name.indexOf('.') < 0 || name.startsWith(CASSANDRAS_PACKAGE)
                && name.length() > CASSANDRAS_PACKAGE.length());
    }

    /** The key a path ends in; none for an item of a list. */
    private static String lastKey(String path) {
        return path.endsWith("]") ? "" : path.substring(path.lastIndexOf('.') + 1);
    }

    /** The value in a message: a scalar quoted, a mapping or list left out. */
    private static String shown(Object value) {
        return value instanceof Map || value instanceof List || value == null ? "" : " '" + value + "'";
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
        } catch (Refused e) {
            return e.problems.stream().map(p -> new Violation(OPTION, p)).toList();
        } catch (IllegalArgumentException e) {
            return List.of(new Violation(OPTION, e.getMessage()));
        }
    }

    /** The option's settings refused, for one or more reasons (each a message of its own). */
    static final class Refused extends IllegalArgumentException {
        private final transient List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; and ", problems));
            this.problems = List.copyOf(problems);
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
