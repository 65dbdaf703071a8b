package dev.berth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecParserTest {
    private static final Map<String, String> TEMPLATES = Map.of("app.conf.mustache", "x={{x}}");

    private static final String MINIMAL = """
            name: app
            pods:
              node:
                count: 2
                tasks:
                  server:
                    cmd: sleep 1000
                    cpus: 0.5
                    memory: 64
            """;

    private static SpecException refused(String yaml) {
        try {
            SpecParser.parse(yaml, TEMPLATES);
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("spec was accepted:\n" + yaml);
    }

    private static List<String> messages(String yaml) {
        return refused(yaml).violations().stream().map(Violation::toString).toList();
    }

    @Test
    void minimalSpecGetsDefaults() {
        ServiceSpec spec = SpecParser.parse(MINIMAL, TEMPLATES);

        assertThat(spec.name()).isEqualTo("app");
        assertThat(spec.role()).isEqualTo("berth/app");
        assertThat(spec.principal()).isEqualTo("service:app");
        PodSpec pod = spec.pod("node").orElseThrow();
        assertThat(pod.count()).isEqualTo(2);
        assertThat(pod.allowDecommission()).isFalse();
        TaskSpec task = pod.task("server").orElseThrow();
        assertThat(task.goal()).isEqualTo(GoalState.RUNNING);
        assertThat(task.cpus()).isEqualTo(0.5);
        assertThat(task.memMib()).isEqualTo(64);
        assertThat(task.killGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.plans()).containsExactly(new PlanSpec("deploy", Strategy.SERIAL,
                List.of(new PhaseSpec("node", "node", Strategy.SERIAL, List.of()))));
    }

    @Test
    void defaultDeployPlanHasOnePhasePerPodInOrder() {
        ServiceSpec spec = SpecParser.parse(MINIMAL + """
                  seed:
                    count: 1
                    tasks:
                      init: {goal: ONCE, cmd: "true", cpus: 0.1, memory: 8}
                """, TEMPLATES);

        assertThat(spec.plan("deploy").orElseThrow().phases()).extracting(PhaseSpec::pod).containsExactly("node", "seed");
    }

    @Test
    void readsEveryField() {
        ServiceSpec spec = SpecParser.parse("""
                name: app
                role: db/app
                principal: app-principal
                pods:
                  node:
                    count: 3
                    allow-decommission: true
                    user: nobody
                    placement:
                      - unique: agent
                      - spread: zone
                      - limit: {attribute: rack, max: 2}
                      - restrict: {attribute: zone, values: [a, b]}
                    volumes:
                      - {path: data, size: 2GiB, type: mount}
                      - {path: logs/app, size: 16}
                    tasks:
                      server:
                        goal: running
                        cmd: ./run.sh
                        env: {HEAP: 512m, N: 3}
                        artifacts: ["maven:org.example:app:1.0"]
                        java: 17
                        cpus: 1
                        memory: 1024
                        ports:
                          client: {port: 9042, endpoint: native}
                          admin: {env-key: ADMIN}
                        configs:
                          conf: {template: app.conf.mustache, dest: conf/app.conf}
                        readiness: {cmd: ./ready.sh, interval: 500ms, timeout: 1m30s}
                        health: {cmd: ./health.sh, max-failures: 5}
                        kill-grace-period: 10
                plans:
                  deploy:
                    strategy: parallel
                    phases:
                      nodes: {pod: node, strategy: canary, tasks: [server]}
                  update:
                    phases:
                      nodes: {pod: node}
                """, TEMPLATES);

        assertThat(spec.role()).isEqualTo("db/app");
        assertThat(spec.principal()).isEqualTo("app-principal");
        PodSpec pod = spec.pods().get(0);
        assertThat(pod.allowDecommission()).isTrue();
        assertThat(pod.user()).contains("nobody");
        assertThat(pod.placement()).containsExactly(new PlacementRule.UniqueAgent(), new PlacementRule.SpreadBy("zone"),
                new PlacementRule.LimitPer("rack", 2), new PlacementRule.Restrict("zone", List.of("a", "b")));
        assertThat(pod.volumes()).containsExactly(new VolumeSpec("data", 2048, "MOUNT"), new VolumeSpec("logs/app", 16, "ROOT"));
        TaskSpec task = pod.tasks().get(0);
        assertThat(task.env()).containsEntry("HEAP", "512m").containsEntry("N", "3");
        assertThat(task.artifacts()).containsExactly("maven:org.example:app:1.0");
        assertThat(task.java()).isEqualTo("17");
        assertThat(task.cpus()).isEqualTo(1.0);
        assertThat(task.ports()).containsExactly(new PortSpec("client", 9042, null, "native"),
                new PortSpec("admin", 0, "ADMIN", ""));
        assertThat(task.ports().get(0).envKey()).isEqualTo("PORT_CLIENT");
        assertThat(task.configs()).containsExactly(new ConfigTemplate("conf", "x={{x}}", "conf/app.conf"));
        assertThat(task.readiness()).contains(new CheckSpec("./ready.sh", Duration.ofMillis(500), Duration.ZERO,
                Duration.ofSeconds(90), 3));
        assertThat(task.health().orElseThrow().maxFailures()).isEqualTo(5);
        assertThat(task.killGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.plans()).extracting(PlanSpec::name).containsExactly("deploy", "update");
        PlanSpec deploy = spec.plan("deploy").orElseThrow();
        assertThat(deploy.strategy()).isEqualTo(Strategy.PARALLEL);
        assertThat(deploy.phases()).containsExactly(new PhaseSpec("nodes", "node", Strategy.CANARY, List.of("server")));
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        SpecException e = refused("""
                name: app
                pods:
                  node:
                    count: 2
                   tasks: [
                """);

        assertThat(e.headline()).isEqualTo("malformed service spec");
        assertThat(e.violations()).hasSize(1);
        assertThat(e.field()).isEqualTo("svc.yaml");
        assertThat(e.violations().get(0).message()).isEqualTo("line 5, column 4: while parsing a block mapping: "
                + "expected <block end>, but found '<block mapping start>'");
    }

    @Test
    void duplicateKeyIsMalformed() {
        SpecException e = refused("""
                name: app
                name: other
                """);

        assertThat(e.getMessage()).contains("svc.yaml: line 2").contains("Duplicate field 'name'");
    }

    @Test
    void unknownFieldNamesItsPathAndTheKnownFields() {
        assertThat(messages(MINIMAL.replace("cpus: 0.5", "cpus: 0.5\n        cpu: 1"))).containsExactly(
                "pods.node.tasks.server.cpu: unknown field; known: goal, cmd, env, artifacts, java, cpus, memory, "
                        + "ports, configs, readiness, health, kill-grace-period, tls");
    }

    @Test
    void wrongTypeNamesPathAndValue() {
        assertThat(messages(MINIMAL.replace("cpus: 0.5", "cpus: x"))).containsExactly(
                "pods.node.tasks.server.cpus: 'x' is not a number");
        assertThat(messages(MINIMAL.replace("count: 2", "count: two"))).containsExactly(
                "pods.node.count: 'two' is not an integer");
        assertThat(messages(MINIMAL.replace("memory: 64", "memory: [64]"))).containsExactly(
                "pods.node.tasks.server.memory: a list is not an integer");
    }

    @Test
    void outOfRangeAndMissingValues() {
        assertThat(messages(MINIMAL.replace("count: 2", "count: -1"))).containsExactly(
                "pods.node.count: -1 is below the minimum 0");
        assertThat(messages(MINIMAL.replace("cpus: 0.5", "cpus: 0"))).containsExactly(
                "pods.node.tasks.server.cpus: 0 is too small; it must be above 0");
        assertThat(messages(MINIMAL.replace("    memory: 64\n", "\n"))).containsExactly(
                "pods.node.tasks.server.memory: missing; expected an integer in 1..16777216");
        assertThat(messages(MINIMAL.replace("count: 2", "count:"))).containsExactly(
                "pods.node.count: missing; expected an integer in 0..10000");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SpecException e = refused("""
                name: App
                pods:
                  node:
                    count: 1
                    placement: [{unique: host}, {near: zone}]
                    volumes: [{path: /abs, size: 1x}]
                    tasks:
                      server:
                        goal: sometimes
                        cmd: run
                        cpus: 1
                        memory: 1
                        kill-grace-period: soon
                        configs: {c: {template: missing.mustache, dest: ../etc/c}}
                plans:
                  deploy:
                    phases:
                      p: {pod: nope}
                """);

        assertThat(e.headline()).isEqualTo("invalid service spec 'App'");
        assertThat(e.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "name: 'App' is not a valid name; use lower-case letters, digits and '-', not starting or ending with '-'",
                "pods.node.placement[0].unique: 'host' is not supported; write unique: agent",
                "pods.node.placement[1].near: unknown placement rule; known: unique, spread, limit, restrict",
                "pods.node.volumes[0].path: '/abs' is not a path inside the sandbox; use a relative path such as data "
                        + "or conf/server.properties (no leading '/', no '..')",
                "pods.node.volumes[0].size: '1x' is not a size; use MiB as a number (16) or with a unit (16MiB, 2GiB)",
                "pods.node.tasks.server.goal: 'sometimes' is not one of running, finished, once",
                "pods.node.tasks.server.kill-grace-period: 'soon' is not a duration; use a number of seconds or e.g. "
                        + "500ms, 5s, 2m, 1h, 1m30s",
                "pods.node.tasks.server.configs.c.template: 'missing.mustache' is not in the package's templates; "
                        + "it has app.conf.mustache",
                "pods.node.tasks.server.configs.c.dest: '../etc/c' is not a path inside the sandbox; use a relative path "
                        + "such as data or conf/server.properties (no leading '/', no '..')",
                "plans.deploy.phases.p.pod: 'nope' is not a pod of this service; pods: node");
    }

    @Test
    void phaseTasksMustBelongToThePod() {
        assertThat(messages(MINIMAL + """
                plans:
                  deploy:
                    phases:
                      n: {pod: node, tasks: [server, client]}
                """)).containsExactly("plans.deploy.phases.n.tasks[1]: 'client' is not a task of pod node; tasks: server");
    }

    @Test
    void aPlanDeclaresParametersAndPhasesOfPackageActions() {
        ServiceSpec spec = SpecParser.parse(MINIMAL + """
                plans:
                  backup:
                    parameters:
                      name: {required: true, pattern: "[a-z0-9-]+", description: the backup's name}
                      keyspaces: {default: ""}
                    phases:
                      upload: {pod: node, tasks: [server]}
                      manifest: {action: write-manifest, description: writes the manifest}
                """, TEMPLATES);

        PlanSpec backup = spec.plan("backup").orElseThrow();
        assertThat(backup.parameters()).extracting(PlanParameterSpec::name).containsExactly("name", "keyspaces");
        assertThat(backup.parameter("name").orElseThrow().required()).isTrue();
        assertThat(backup.parameter("name").orElseThrow().pattern().pattern()).isEqualTo("[a-z0-9-]+");
        assertThat(backup.parameter("keyspaces").orElseThrow().defaultValue()).contains("");
        assertThat(backup.phases().get(1)).isEqualTo(PhaseSpec.action("manifest", "write-manifest", "writes the manifest"));

        // the spec is stored as JSON with the service's target: parameters and action phases come back as they were
        ServiceSpec read = dev.berth.core.json.BerthJson.fromBytes(dev.berth.core.json.BerthJson.toBytes(spec), ServiceSpec.class);
        PlanSpec readBack = read.plan("backup").orElseThrow();
        assertThat(readBack.phases()).isEqualTo(backup.phases());
        assertThat(readBack.parameters()).extracting(p -> p.name() + " " + p.required() + " " + p.defaultValue() + " " + p.pattern())
                .containsExactly("name true Optional.empty [a-z0-9-]+", "keyspaces false Optional[] [^\\n\\r]*");
    }

    @Test
    void badParametersAndActionPhasesNameTheirPath() {
        assertThat(messages(MINIMAL + """
                plans:
                  backup:
                    parameters:
                      Name: {}
                      when: {required: true, default: now}
                      what: {pattern: "[a-"}
                      size: {default: big, pattern: "[0-9]+"}
                    phases:
                      both: {action: x, pod: node}
                """)).containsExactlyInAnyOrder(
                "plans.backup.parameters.Name: 'Name' is not a parameter name; expected lower-case letters, digits and "
                        + "'_', starting with a letter, at most 40 ([a-z][a-z0-9_]{0,39})",
                "plans.backup.parameters.when.default: a required parameter has no default; drop one of the two",
                "plans.backup.parameters.what.pattern: '[a-' is not a regular expression: Illegal character range",
                "plans.backup.parameters.size.default: 'big' does not match the parameter's pattern [0-9]+",
                "plans.backup.phases.both.pod: a phase with an action runs no tasks; drop pod or the action");
    }

    @Test
    void roleIsValidatedAsAReservationRole() {
        assertThat(messages(MINIMAL.replace("name: app", "name: app\nrole: db//app")))
                .singleElement().asString().startsWith("role: 'db//app' is not a valid role; expected segments of");
    }

    @Test
    void nameMustMatchTheServiceName() {
        assertThatThrownBy(() -> SpecParser.parse(MINIMAL, TEMPLATES, Optional.of("other")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("name: 'app' differs from the service name 'other'; write name: {{service.name}}");
    }

    @Test
    void endpointsAndFixedPortsMustBeUnique() {
        assertThat(messages("""
                name: app
                pods:
                  a:
                    count: 1
                    tasks:
                      one: {cmd: x, cpus: 1, memory: 1, ports: {p: {port: 80, endpoint: web}}}
                      two: {cmd: x, cpus: 1, memory: 1, ports: {q: {port: 80}}}
                  b:
                    count: 1
                    tasks:
                      one: {cmd: x, cpus: 1, memory: 1, ports: {p: {endpoint: web}}}
                """)).containsExactlyInAnyOrder(
                "pods.a.tasks.two.ports.q.port: 80 is also used by one.p",
                "pods.b.tasks.one.ports.p.endpoint: 'web' is already advertised by pods.a.tasks.one.ports.p");
    }

    @Test
    void anEndpointMayBeLimitedToThePodsFirstInstancesButNotWithoutAnEndpointOrToNone() {
        ServiceSpec spec = SpecParser.parse("""
                name: app
                pods:
                  node:
                    count: 5
                    tasks:
                      server: {cmd: x, cpus: 1, memory: 1, ports: {ctl: {endpoint: ctl, endpoint-instances: 3}, data: {endpoint: data}}}
                """, TEMPLATES);
        List<PortSpec> ports = spec.pod("node").orElseThrow().task("server").orElseThrow().ports();
        assertThat(ports).extracting(PortSpec::endpointInstances).containsExactly(3, 0);
        assertThat(ports.get(0).advertisedBy(2)).isTrue();
        assertThat(ports.get(0).advertisedBy(3)).isFalse();
        assertThat(ports.get(1).advertisedBy(4)).isTrue();

        assertThat(messages("""
                name: app
                pods:
                  node:
                    count: 1
                    tasks:
                      one: {cmd: x, cpus: 1, memory: 1, ports: {p: {endpoint-instances: 2}, q: {endpoint: q, endpoint-instances: 0}}}
                """)).containsExactlyInAnyOrder(
                "pods.node.tasks.one.ports.p.endpoint-instances: 2 without an endpoint; set endpoint too, or leave it out",
                "pods.node.tasks.one.ports.q.endpoint-instances: 0 is below the minimum 1");
    }

    @Test
    void emptySpecAndNonMapping() {
        assertThat(messages("")).containsExactly("the service spec is empty");
        assertThat(messages("- a\n- b\n")).singleElement().asString()
                .startsWith("a list is not a service spec; expected a mapping of name, role, principal, pods, plans");
    }
}
