package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.PackageTemplates;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cassandra package renders a ring from its options, as a launch does, and refuses bad options. */
class CassandraPackageTest {
    final Package cassandra = PackageRepository.classpath().get("cassandra");
    final CassandraHooks hooks = new CassandraHooks();

    static final Map<String, Integer> PORTS = Map.of("storage", 31000, "native-client", 31001, "jmx", 31002);
    static final String PASSWORD = "Gen3ratedPassw0rd";
    static final Secrets SECRETS = new Secrets(Map.of(Login.SECRET, PASSWORD));

    @Test
    void rendersThreeNodesOfCassandraFromMavenWithAVolumeAndNamedPorts() {
        ServiceSpec spec = cassandra.render("cassandra", cassandra.defaults());
        PodSpec node = spec.pod("node").orElseThrow();
        assertThat(node.count()).isEqualTo(3);
        assertThat(node.volumes()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("data");
            assertThat(v.sizeMib()).isEqualTo(4096);
        });
        TaskSpec server = node.task("server").orElseThrow();
        assertThat(server.goal()).isEqualTo(GoalState.RUNNING);
        assertThat(server.artifacts()).containsExactly("maven:org.apache.cassandra:cassandra-all:5.0.6");
        assertThat(server.java()).isEqualTo("17");
        assertThat(server.memMib()).isEqualTo(1536);
        assertThat(server.ports()).extracting(PortSpec::name, PortSpec::port, PortSpec::endpoint).containsExactly(
                org.assertj.core.groups.Tuple.tuple("storage", 0, "storage"),
                org.assertj.core.groups.Tuple.tuple("native-client", 0, "native-client"),
                org.assertj.core.groups.Tuple.tuple("jmx", 0, "jmx"));
        assertThat(server.cmd()).contains("org.apache.cassandra.service.CassandraDaemon", "@jvm-server.options",
                "-Dcassandra.config=file://$PWD/cassandra.yaml",
                "${BERTH_REPLACE_IP:+-Dcassandra.replace_address_first_boot=$BERTH_REPLACE_IP}");
        assertThat(server.readiness()).hasValueSatisfying(r -> assertThat(r.cmd()).contains("Starting listening for CQL clients"));
        assertThat(server.killGracePeriod()).hasSeconds(120);
        for (String tool : List.of("repair", "cleanup")) {
            TaskSpec t = node.task(tool).orElseThrow();
            // a ONCE task's step completes when it FINISHED: nodetool is done then
            assertThat(t.goal()).isEqualTo(GoalState.ONCE);
            assertThat(t.cmd()).contains("org.apache.cassandra.tools.NodeTool $(cat nodetool.args) " + tool);
            assertThat(t.readiness()).isEmpty();
        }
        // a lower count decommissions the highest nodes through the hooks
        assertThat(node.allowDecommission()).isTrue();
    }

    @Test
    void placementIsOneNodePerAgentAndWhatTheDbaAddsAcrossZonesOrToSomeAgents() {
        assertThat(cassandra.render("cassandra", cassandra.defaults()).pod("node").orElseThrow().placement())
                .containsExactly(new PlacementRule.UniqueAgent());
        PodSpec placed = cassandra.render("cassandra", cassandra.options(Map.of("nodes.spread_by", "zone",
                "nodes.restrict_attribute", "region", "nodes.restrict_values", "us-east-1,us-east-2"))).pod("node").orElseThrow();
        assertThat(placed.placement()).containsExactly(new PlacementRule.UniqueAgent(), new PlacementRule.SpreadBy("zone"),
                new PlacementRule.Restrict("region", List.of("us-east-1", "us-east-2")));
        assertThat(hooks.invalidOptions(cassandra.options(Map.of("nodes.restrict_attribute", "zone")).values(),
                Optional.empty())).extracting(v -> v.toString()).containsExactly("nodes.restrict_values: missing: "
                + "nodes.restrict_attribute names an attribute, so give the values its agents may have, e.g. "
                + "nodes.restrict_attribute=zone and nodes.restrict_values=a,b");
        assertThatThrownBy(() -> cassandra.options(Map.of("nodes.restrict_values", "a, b]")))
                .hasMessageContaining("nodes.restrict_values");
    }

    @Test
    void deployLaunchesOnlyTheServersOneAtATimeAndRepairAndCleanupAreOwnPlans() {
        ServiceSpec spec = cassandra.render("cassandra", cassandra.defaults());
        PlanSpec deploy = spec.plan("deploy").orElseThrow();
        assertThat(deploy.phases()).singleElement().satisfies(p -> {
            assertThat(p.tasks()).containsExactly("server");
            assertThat(p.strategy()).isEqualTo(Strategy.SERIAL);
        });
        assertThat(spec.plan("repair").orElseThrow().phases()).singleElement()
                .satisfies(p -> assertThat(p.tasks()).containsExactly("repair"));
        assertThat(spec.plan("cleanup").orElseThrow().phases()).singleElement()
                .satisfies(p -> assertThat(p.tasks()).containsExactly("cleanup"));
    }

    /** Renders a config of a task as a launch does: with the hooks' {@code package.*} values. */
    String render(Options options, String task, String dest, int index, String ip, Map<String, String> attributes,
                  Map<String, List<String>> endpoints) {
        TaskSpec spec = cassandra.render("cassandra", options).pod("node").orElseThrow().task(task).orElseThrow();
        String template = spec.configs().stream().filter(c -> c.dest().equals(dest)).findFirst().orElseThrow().template();
        Map<String, Integer> ports = task.equals("server") ? PORTS : Map.of();
        return new PackageTemplates(hooks, () -> SECRETS).apply(template, new TemplateContext("cassandra", options.nested(), "node",
                index, task, ip, attributes, ports, endpoints, "c1").toMap());
    }

    static JsonNode yaml(String text) throws Exception {
        return YAMLMapper.builder().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build().readTree(text);
    }

    @Test
    void theFirstNodeSeedsItselfAndKeepsEverythingOnItsVolume() throws Exception {
        JsonNode y = yaml(render(cassandra.defaults(), "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        assertThat(y.get("cluster_name").asText()).isEqualTo("berth");
        assertThat(y.get("num_tokens").asInt()).isEqualTo(16);
        assertThat(y.get("listen_address").asText()).isEqualTo("127.0.0.2");
        assertThat(y.get("rpc_address").asText()).isEqualTo("127.0.0.2");
        assertThat(y.get("storage_port").asInt()).isEqualTo(31000);
        assertThat(y.get("native_transport_port").asInt()).isEqualTo(31001);
        assertThat(y.at("/seed_provider/0/parameters/0/seeds").asText()).isEqualTo("127.0.0.2:31000");
        assertThat(y.get("endpoint_snitch").asText()).isEqualTo("GossipingPropertyFileSnitch");
        assertThat(y.at("/data_file_directories/0").asText()).isEqualTo("data/data");
        for (String dir : List.of("commitlog_directory", "hints_directory", "saved_caches_directory", "cdc_raw_directory")) {
            assertThat(y.get(dir).asText()).startsWith("data/");
        }
        assertThat(y.get("commitlog_total_space").asText()).isEqualTo("1024MiB");
        assertThat(y.get("allocate_tokens_for_local_replication_factor").asInt()).isEqualTo(3);
    }

    @Test
    void laterNodesSeedWithTheFirstNodesOnly() throws Exception {
        Options options = cassandra.defaults(); // cassandra.seeds=2
        String n0 = "127.0.0.2:31000";
        String n1 = "127.0.0.3:31005";
        String n2 = "127.0.0.4:31010";
        // node-1's first launch sees node-0 only: it bootstraps from it instead of seeding itself
        assertThat(seeds(options, 1, "127.0.0.3", List.of(n0))).isEqualTo(n0);
        assertThat(seeds(options, 2, "127.0.0.4", List.of(n0, n1))).isEqualTo(n0 + "," + n1);
        // on a restart every instance has a home: the first two stay the seeds
        assertThat(seeds(options, 0, "127.0.0.2", List.of(n0, n1, n2))).isEqualTo(n0 + "," + n1);
        // a replaced node-0 has no home while it launches: it is not its own seed
        assertThat(seeds(options, 0, "127.0.0.5", List.of(n1, n2))).isEqualTo(n1 + "," + n2);
        assertThat(seeds(cassandra.options(Map.of("cassandra.seeds", "1")), 2, "127.0.0.4", List.of(n0, n1))).isEqualTo(n0);
    }

    String seeds(Options options, int index, String ip, List<String> storage) throws Exception {
        return yaml(render(options, "server", "cassandra.yaml", index, ip, Map.of(), Map.of("storage", storage)))
                .at("/seed_provider/0/parameters/0/seeds").asText();
    }

    @Test
    void theRackIsTheAgentsRackElseItsZoneAndTheDatacenterAnOption() {
        Options options = cassandra.options(Map.of("cassandra.datacenter", "east"));
        assertThat(render(options, "server", "cassandra-rackdc.properties", 0, "127.0.0.2", Map.of("zone", "z1", "rack", "r7"),
                Map.of())).contains("dc=east\n", "rack=r7\n");
        assertThat(render(options, "server", "cassandra-rackdc.properties", 0, "127.0.0.2", Map.of("zone", "z1"), Map.of()))
                .contains("rack=z1\n");
        assertThat(render(options, "server", "cassandra-rackdc.properties", 0, "127.0.0.2", Map.of(), Map.of()))
                .contains("rack=rack1\n");
    }

    @Test
    void jvmOptionsCarryTheHeapJmxOnTheNodesAddressAndFastJoinOnlyWhenAsked() {
        String plain = render(cassandra.defaults(), "server", "jvm-server.options", 1, "127.0.0.3", Map.of(), Map.of());
        assertThat(plain).contains("-Xms512m\n", "-Xmx512m\n", "-Dcom.sun.management.jmxremote.host=127.0.0.3\n",
                "-Dcom.sun.management.jmxremote.port=31002\n", "-Dcom.sun.management.jmxremote.rmi.port=31002\n",
                "-Djava.rmi.server.hostname=127.0.0.3\n", "-Dcom.sun.management.jmxremote.authenticate=true\n",
                "--add-opens java.base/sun.nio.ch=ALL-UNNAMED\n", "-Dcassandra-foreground=yes\n");
        assertThat(plain).doesNotContain("ring_delay", "skip_wait_for_gossip_to_settle");
        String fast = render(cassandra.options(Map.of("cassandra.fast_join", "true", "nodes.heap", "1024", "nodes.mem", "2048")),
                "server", "jvm-server.options", 1, "127.0.0.3", Map.of(), Map.of());
        assertThat(fast).contains("-Xmx1024m\n", "-Dcassandra.ring_delay_ms=5000\n", "-Dcassandra.skip_wait_for_gossip_to_settle=0\n",
                "-Dcassandra.broadcast_interval_ms=10000\n", "-Dcassandra.memtable.row_overhead_size=181\n");
        assertThat(plain).doesNotContain("broadcast_interval", "row_overhead");
    }

    @Test
    void loginsAreOnByDefaultForTheSuperuserWithTheServicesGeneratedPassword() throws Exception {
        // Berth generates the superuser's password; the backup store's keys are an operator's to set
        assertThat(cassandra.secrets()).filteredOn(d -> !d.given()).extracting(d -> d.name()).containsExactly(Login.SECRET);
        assertThat(cassandra.secrets()).filteredOn(d -> d.given()).extracting(d -> d.name())
                .containsExactly("backup_access_key", "backup_secret_key");
        JsonNode y = yaml(render(cassandra.defaults(), "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        assertThat(y.at("/authenticator/class_name").asText()).isEqualTo("org.apache.cassandra.auth.PasswordAuthenticator");
        assertThat(y.at("/authorizer/class_name").asText()).isEqualTo("org.apache.cassandra.auth.CassandraAuthorizer");
        assertThat(y.at("/role_manager/class_name").asText()).isEqualTo("org.apache.cassandra.auth.CassandraRoleManager");
        String jvm = render(cassandra.defaults(), "server", "jvm-server.options", 0, "127.0.0.2", Map.of(), Map.of());
        assertThat(jvm).contains("-Dcom.sun.management.jmxremote.authenticate=true\n",
                "-Dcom.sun.management.jmxremote.password.file=jmxremote.password\n",
                "-Dcom.sun.management.jmxremote.access.file=jmxremote.access\n").doesNotContain(PASSWORD);
        assertThat(render(cassandra.defaults(), "server", "jmxremote.password", 0, "127.0.0.2", Map.of(), Map.of()))
                .isEqualTo("admin " + PASSWORD + "\n");
        assertThat(render(cassandra.options(Map.of("cassandra.superuser", "dba")), "server", "jmxremote.access", 0,
                "127.0.0.2", Map.of(), Map.of())).isEqualTo("dba readwrite\n");
        assertThat(hooks.deployActions(cassandra.defaults().values())).extracting(PackageAction::name)
                .containsExactly("secure-superuser");

        Options open = cassandra.options(Map.of("cassandra.authentication", "false"));
        JsonNode openYaml = yaml(render(open, "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        assertThat(openYaml.has("authenticator")).isFalse();
        assertThat(render(open, "server", "jvm-server.options", 0, "127.0.0.2", Map.of(), Map.of()))
                .contains("-Dcom.sun.management.jmxremote.authenticate=false\n").doesNotContain("password.file");
        assertThat(render(open, "server", "jmxremote.password", 0, "127.0.0.2", Map.of(), Map.of())).isEmpty();
        assertThat(hooks.deployActions(open.values())).isEmpty();
    }

    @Test
    void aNewRingCreatesItsSystemKeyspacesWithNoMoreReplicasThanNodes() {
        assertThat(render(cassandra.options(Map.of("nodes.count", "1", "cassandra.seeds", "1")), "server",
                "jvm-server.options", 0, "127.0.0.2", Map.of(), Map.of())).contains(
                "-Dcassandra.system_auth.default_rf=1\n", "-Dcassandra.system_distributed.default_rf=1\n",
                "-Dcassandra.system_traces.default_rf=1\n");
        for (String count : List.of("3", "5")) {
            // the same from 3 nodes up: a scale-up does not change the file, so it rolls no node
            assertThat(render(cassandra.options(Map.of("nodes.count", count)), "server", "jvm-server.options", 0,
                    "127.0.0.2", Map.of(), Map.of())).as(count).contains("-Dcassandra.system_auth.default_rf=3\n",
                    "-Dcassandra.system_distributed.default_rf=3\n", "-Dcassandra.system_traces.default_rf=2\n");
        }
    }

    @Test
    void nodetoolTasksReachTheJmxPortOfTheNodeOnTheirAgent() {
        Map<String, List<String>> endpoints = Map.of("jmx", List.of("127.0.0.2:31002", "127.0.0.3:31007", "127.0.0.4:31012"));
        Options open = cassandra.options(Map.of("cassandra.authentication", "false"));
        assertThat(render(open, "repair", "nodetool.args", 1, "127.0.0.3", Map.of(), endpoints).trim())
                .isEqualTo("-h 127.0.0.3 -p 31007");
        assertThat(render(open, "cleanup", "nodetool.args", 2, "127.0.0.4", Map.of(), endpoints).trim())
                .isEqualTo("-h 127.0.0.4 -p 31012");
        // with logins on, nodetool reads the superuser's password from its own owner-only file
        assertThat(render(cassandra.defaults(), "repair", "nodetool.args", 1, "127.0.0.3", Map.of(), endpoints).trim())
                .isEqualTo("-h 127.0.0.3 -p 31007 -u admin -pwf jmxremote.password");
        assertThat(render(cassandra.defaults(), "repair", "jmxremote.password", 1, "127.0.0.3", Map.of(), endpoints))
                .isEqualTo("admin " + PASSWORD + "\n");
    }

    @Test
    void yamlExtraIsLaidOverBerthsDefaults() throws Exception {
        Options options = cassandra.options(Map.of("cassandra.yaml_extra",
                "{commitlog_sync: batch, commitlog_sync_period: null, concurrent_reads: 64, compaction_throughput: 32MiB/s, "
                        + "audit_logging_options: {enabled: false}}"));
        JsonNode y = yaml(render(options, "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        assertThat(y.get("commitlog_sync").asText()).isEqualTo("batch");
        assertThat(y.get("commitlog_sync_period").isNull()).isTrue();
        assertThat(y.get("concurrent_reads").asInt()).isEqualTo(64);
        assertThat(y.get("compaction_throughput").asText()).isEqualTo("32MiB/s");
        assertThat(y.at("/audit_logging_options/enabled").asBoolean(true)).isFalse();
        assertThat(y.get("listen_address").asText()).isEqualTo("127.0.0.2");
    }

    @Test
    void everyTemplateRendersWithoutAnAgentAsAnUpdateComparesThem() {
        // PodChanges renders with no agent, ports or endpoints: nothing may fail there
        Options options = cassandra.defaults();
        for (TaskSpec task : cassandra.render("cassandra", options).pod("node").orElseThrow().tasks()) {
            for (var c : task.configs()) {
                String out = new PackageTemplates(hooks).apply(c.template(), new TemplateContext("cassandra",
                        options.nested(), "node", 0, task.name(), "", Map.of(), Map.of(), Map.of(), "").toMap());
                assertThat(out).as(c.dest()).isNotNull();
            }
        }
    }

    @Test
    void anUpdateSeesEveryOptionOfTheNodesInTheirRenderedFiles() {
        // an update rolls a pod only when its files render differently without agent, ports or endpoints
        Map<String, String> defaults = rendered(cassandra.defaults());
        for (Map.Entry<String, String> change : Map.of("cassandra.seeds", "1", "cassandra.fast_join", "true",
                "nodes.heap", "768", "cassandra.yaml_extra", "{concurrent_reads: 64}", "nodes.disk", "8192").entrySet()) {
            assertThat(rendered(cassandra.options(Map.ofEntries(change)))).as(change.getKey()).isNotEqualTo(defaults);
        }
    }

    Map<String, String> rendered(Options options) {
        Map<String, String> out = new java.util.TreeMap<>();
        TaskSpec server = cassandra.render("cassandra", options).pod("node").orElseThrow().task("server").orElseThrow();
        for (var c : server.configs()) {
            out.put(c.dest(), new PackageTemplates(hooks).apply(c.template(), new TemplateContext("cassandra",
                    options.nested(), "node", 0, "server", "", Map.of(), Map.of(), Map.of(), "").toMap()));
        }
        return out;
    }

    @Test
    void schemaRefusesOutOfRangeOptionsWithTheirMessage() {
        assertThatThrownBy(() -> cassandra.options(Map.of("nodes.count", "0")))
                .hasMessageContaining("nodes.count: 0 is below the minimum 1");
        assertThatThrownBy(() -> cassandra.options(Map.of("cassandra.version", "4.1.0")))
                .hasMessageContaining("cassandra.version").hasMessageContaining("4.1.0");
        assertThatThrownBy(() -> cassandra.options(Map.of("cassandra.datacenter", "dc 1'")))
                .hasMessageContaining("cassandra.datacenter");
    }

    @Test
    void rulesAcrossOptionsAreRefusedWithTheOptionTheyAreAbout() {
        Options small = cassandra.options(Map.of("nodes.count", "1", "nodes.heap", "1024", "nodes.mem", "1280"));
        assertThat(hooks.invalidOptions(small.values(), Optional.empty())).extracting(v -> v.toString()).containsExactly(
                "nodes.heap: 1024 MiB leaves 256 MiB of nodes.mem 1280 MiB besides the heap; the JVM needs 512 MiB besides it: "
                        + "raise nodes.mem to at least 1536 or lower nodes.heap",
                "cassandra.seeds: 2 is more than nodes.count 1; seeds are the first nodes: set it to at most 1");
        assertThat(hooks.invalidOptions(cassandra.defaults().values(), Optional.empty())).isEmpty();
        Options owned = cassandra.options(Map.of("cassandra.yaml_extra", "listen_address: 10.0.0.1\nstorage_port: 7000"));
        assertThat(hooks.invalidOptions(owned.values(), Optional.empty())).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("cassandra.yaml_extra");
            assertThat(v.message()).contains("listen_address (the node listens on its agent's address)",
                    "storage_port (Berth assigns the node's ports");
        });
        Options auth = cassandra.options(Map.of("cassandra.yaml_extra", "authenticator: AllowAllAuthenticator"));
        assertThat(hooks.invalidOptions(auth.values(), Optional.empty())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("authenticator (use the option cassandra.authentication)"));
        assertThat(hooks.invalidOptions(cassandra.options(Map.of("cassandra.superuser", "cassandra")).values(),
                Optional.empty())).extracting(v -> v.toString()).containsExactly("cassandra.superuser: 'cassandra' is "
                + "Cassandra's default role, which the deploy drops because everyone knows its password; choose another "
                + "name, such as admin");
        Options notYaml = cassandra.options(Map.of("cassandra.yaml_extra", "{concurrent_reads: 64"));
        assertThat(hooks.invalidOptions(notYaml.values(), Optional.empty())).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("is not a YAML mapping of cassandra.yaml settings"));
    }

    @Test
    void tlsServesCqlClientsAndTheNodesAmongThemselvesWithTheCertificateBerthIssues() throws Exception {
        Options tls = cassandra.options(Map.of("cassandra.tls", "true", "cassandra.tls_validity_days", "30"));
        TaskSpec server = cassandra.render("cassandra", tls).pod("node").orElseThrow().task("server").orElseThrow();
        assertThat(server.tls()).hasValueSatisfying(t -> assertThat(t.validity()).hasDays(30));
        JsonNode y = yaml(render(tls, "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        JsonNode client = y.get("client_encryption_options");
        assertThat(client.get("enabled").asBoolean()).isTrue();
        assertThat(client.get("optional").asBoolean()).as("no plaintext client").isFalse();
        assertThat(client.get("keystore").asText()).isEqualTo("tls/node.pem");
        assertThat(client.at("/ssl_context_factory/class_name").asText())
                .isEqualTo("org.apache.cassandra.security.PEMBasedSslContextFactory");
        JsonNode internode = y.get("server_encryption_options");
        assertThat(internode.get("internode_encryption").asText()).isEqualTo("all");
        assertThat(internode.get("require_client_auth").asBoolean()).as("a node shows a certificate of the CA").isTrue();
        assertThat(internode.get("truststore").asText()).isEqualTo("tls/ca.pem");

        JsonNode plain = yaml(render(cassandra.defaults(), "server", "cassandra.yaml", 0, "127.0.0.2", Map.of(), Map.of()));
        assertThat(plain.has("client_encryption_options")).isFalse();
        assertThat(plain.has("server_encryption_options")).isFalse();
        assertThat(cassandra.render("cassandra", cassandra.defaults()).pod("node").orElseThrow().task("server").orElseThrow()
                .tls()).isEmpty();
        // what Berth decides cannot come through yaml_extra
        Options extra = cassandra.options(Map.of("cassandra.yaml_extra", "{client_encryption_options: {enabled: false}}"));
        assertThat(hooks.invalidOptions(extra.values(), Optional.empty())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("client_encryption_options (use the option cassandra.tls)"));
    }

    @Test
    void tlsCannotChangeAfterInstallNorBeTurnedOnForARingInstalledBeforeTheOption() {
        Map<String, Object> running = cassandra.defaults().values();
        Options on = cassandra.options(Map.of("cassandra.tls", "true"));
        assertThat(hooks.invalidOptions(on.values(), Optional.of(running))).extracting(v -> v.field())
                .containsExactly("cassandra.tls");
        Map<String, Object> beforeTheOption = new java.util.HashMap<>(running);
        beforeTheOption.remove("cassandra.tls");
        assertThat(hooks.invalidOptions(on.values(), Optional.of(beforeTheOption))).extracting(v -> v.field())
                .containsExactly("cassandra.tls");
        assertThat(hooks.invalidOptions(running, Optional.of(beforeTheOption))).isEmpty();
        assertThat(hooks.invalidOptions(on.values(), Optional.of(on.values()))).isEmpty();
    }

    @Test
    void anUpdateKeepsTheRingsIdentityAndNeverDowngrades() {
        Map<String, Object> running = cassandra.defaults().values();
        Options changed = cassandra.options(Map.of("cassandra.datacenter", "dc2", "cassandra.cluster_name", "other",
                "cassandra.num_tokens", "32", "cassandra.version", "5.0.5", "cassandra.authentication", "false",
                "cassandra.superuser", "dba"));
        assertThat(hooks.invalidOptions(changed.values(), Optional.of(running))).extracting(v -> v.field())
                .containsExactly("cassandra.datacenter", "cassandra.cluster_name", "cassandra.num_tokens",
                        "cassandra.authentication", "cassandra.superuser", "cassandra.version");
        assertThat(hooks.invalidOptions(changed.values(), Optional.of(running)).get(5).message())
                .isEqualTo("5.0.5 is older than the running 5.0.6; Cassandra cannot be downgraded in place");
        Map<String, Object> older = cassandra.options(Map.of("cassandra.version", "5.0.5")).values();
        assertThat(hooks.invalidOptions(cassandra.defaults().values(), Optional.of(older))).isEmpty();
    }

    @Test
    void aScaleDownStaysAtThreeNodesAtTheLeastAndSeedsWithinTheCount() {
        Map<String, Object> four = cassandra.options(Map.of("nodes.count", "4")).values();
        assertThat(hooks.invalidOptions(cassandra.defaults().values(), Optional.of(four))).isEmpty();
        assertThat(hooks.invalidOptions(cassandra.options(Map.of("nodes.count", "2", "cassandra.seeds", "1")).values(),
                Optional.of(four))).extracting(v -> v.toString()).containsExactly("nodes.count: 4 -> 2 is below 3: a node "
                + "leaves the ring (decommission) only while at least as many nodes stay as a keyspace has replicas, and "
                + "Cassandra's system_distributed keeps 3; scale down to 3 at the least");
        Map<String, Object> two = cassandra.options(Map.of("nodes.count", "2", "cassandra.seeds", "1")).values();
        assertThat(hooks.invalidOptions(cassandra.options(Map.of("nodes.count", "1", "cassandra.seeds", "1")).values(),
                Optional.of(two))).singleElement().satisfies(v -> assertThat(v.message()).endsWith("a ring of 2 nodes cannot shrink"));
        // a small ring may be installed, and grow
        assertThat(hooks.invalidOptions(two, Optional.empty())).isEmpty();
        assertThat(hooks.invalidOptions(cassandra.defaults().values(), Optional.of(two))).isEmpty();
        // the seeds are the first nodes: they never are among those a scale-down removes
        assertThat(hooks.invalidOptions(cassandra.options(Map.of("nodes.count", "3", "cassandra.seeds", "4")).values(),
                Optional.of(four))).extracting(v -> v.field()).containsExactly("cassandra.seeds");
    }
}
