package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.Credentials;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.framework.RemoteFramework;
import dev.berth.core.http.BearerToken;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AccessViews;
import dev.berth.core.protocol.AgentPoll;
import dev.berth.core.protocol.AgentRegistration;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access control on real processes: a master and two agents that authenticate with their own credentials, a
 * service with a secret, a remote framework, and principals of the built-in roles. Each attack gets 401 or 403
 * and changes nothing (agents, frameworks, tasks, services); ZooKeeper refuses a client without the masters'
 * identity; the secret is encrypted in ZooKeeper.
 */
class AccessIT {
    static final Role FW_ROLE = Role.of("it/access");
    static final Principal FW = Principal.of("it-access-fw");

    static ItCluster cluster;
    static Path packages;
    static JsonHttp viewer;
    static JsonHttp operator;
    static JsonHttp framework;
    static Credentials agent0;
    static Credentials agent1;
    static RemoteFramework remote;
    static RecordingScheduler events;

    @BeforeAll
    static void start() throws Exception {
        packages = Files.createTempDirectory("berth-it-access-packages");
        Path vault = Files.createDirectories(packages.resolve("vault/templates"));
        Files.writeString(vault.getParent().resolve("package.yaml"), "name: vault\nversion: \"1.0\"\nsecrets:\n"
                + "  admin_password: {description: the admin's password}\n");
        Files.writeString(vault.getParent().resolve("options.json"), "{\"type\": \"object\", \"properties\": {}}");
        Files.writeString(vault.getParent().resolve("svc.yaml"), """
                name: {{service.name}}
                pods:
                  v:
                    count: 1
                    tasks:
                      t: {cmd: "sleep 3600", cpus: 0.1, memory: 32, configs: {pw: {template: pw.mustache, dest: pw}}}
                """);
        Files.writeString(vault.resolve("pw.mustache"), "admin {{secrets.admin_password}}\n");
        cluster = new ItCluster("it-access", 1, 2, "cpus:1;mem:512;disk:1024;ports:[31000-31010]",
                List.of("--packages", packages.toString()));
        viewer = cluster.apiAs(cluster.principal("vic", "viewer", List.of()));
        operator = cluster.apiAs(cluster.principal("olga", "operator", List.of("vault")));
        Path fwCredentials = cluster.principal(FW.name(), "framework", List.of(FW_ROLE.name()));
        framework = cluster.apiAs(fwCredentials);
        agent0 = Credentials.read(cluster.work.resolve("it-access-agent-0.credentials"));
        agent1 = Credentials.read(cluster.work.resolve("it-access-agent-1.credentials"));

        cluster.api.post("/v1/services", new ServiceRequests.InstallRequest("vault", "vault", Map.of(), null),
                Object.class, Duration.ofSeconds(60));
        ItCluster.awaitTrue(() -> cluster.api.get("/v1/services/vault/plans/deploy", ServiceViews.PlanView.class)
                .status().equals("COMPLETE"), "vault deployed");

        events = new RecordingScheduler();
        remote = RemoteFramework.register(cluster.masterUrls, BearerToken.of(Credentials.read(fwCredentials).token()),
                new FrameworkInfo(Optional.empty(), "it-access-fw", FW_ROLE, FW, Duration.ofMinutes(10)), events);
        events.acknowledgeWith(remote);
    }

    @AfterAll
    static void stop() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (packages != null) {
            try (Stream<Path> walk = Files.walk(packages)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A request with no token (or the one given), as an attacker's curl sends it: answers status and body. */
    static HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.masterUrls.get(0) + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertStatus(Runnable call, int status, String... messageParts) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(JsonHttp.ApiException.class,
                e -> assertThat(e.status()).isEqualTo(status)).hasMessageContainingAll(messageParts);
    }

    // ------------------------------------------------------------------ identity

    @Test
    void withoutAValidTokenEveryRequestGets401AndTheHealthProbeStaysOpen() throws Exception {
        HttpResponse<String> secret = raw("GET", "/v1/services/vault/secrets/admin_password", null, null);
        assertThat(secret.statusCode()).isEqualTo(401);
        assertThat(secret.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"berth\"");
        assertThat(secret.body()).contains("unauthenticated").doesNotContain("admin ");
        assertThat(raw("GET", "/v1/services/vault/secrets/admin_password", "berth_made-up", null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/v1/agents", agent0.token() + "x", null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/v1/leader", null, null).statusCode()).isEqualTo(401);
        // setting a secret, starting a plan with parameters and a package's own views: the same door
        assertThat(raw("PUT", "/v1/services/vault/secrets/admin_password", null, "{\"value\": \"mine\"}").statusCode())
                .isEqualTo(401);
        assertThat(raw("POST", "/v1/services/vault/plans/deploy/start", null, "{\"parameters\": {\"a\": \"b\"}}").statusCode())
                .isEqualTo(401);
        assertThat(raw("GET", "/v1/services/vault/package/backups", null, null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/v1/events", null, null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/q/metrics", null, null).statusCode()).isEqualTo(401);
        // a task's logs, read or followed, and an agent's answer to a read: the same door
        String task = cluster.taskRows().stream().filter(t -> t.name().equals("v-0-t")).findFirst().orElseThrow().taskId();
        assertThat(raw("GET", "/v1/tasks/" + task + "/logs", null, null).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/v1/tasks/" + task + "/logs?follow=true", null, null).statusCode()).isEqualTo(401);
        assertThat(raw("POST", "/v1/agent/any/files/any", null, "{\"chunk\": null}").statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/q/health", null, null).statusCode()).isEqualTo(200);
        System.out.println("access IT: unauthenticated secret read -> " + secret.statusCode());
    }

    @Test
    void anUnauthenticatedFrameworkRegistrationGets401AndRegistersNothing() throws Exception {
        List<FrameworkInfo> before = cluster.frameworks();
        HttpResponse<String> r = raw("POST", "/v1/frameworks", null,
                "{\"name\":\"evil\",\"role\":\"evil\",\"principal\":\"evil\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(cluster.frameworks()).isEqualTo(before);
        System.out.println("access IT: unauthenticated framework registration -> " + r.statusCode());
    }

    @Test
    void aFrameworkRegistersOnlyAsItsOwnPrincipalAndItsIdIsNoToken() {
        assertStatus(() -> framework.post("/v1/frameworks", new FrameworkInfo(Optional.empty(), "x", FW_ROLE,
                Principal.of("admin"), Duration.ofMinutes(1)), FrameworkCalls.Registered.class, Duration.ofSeconds(10)),
                403, "may not register_framework", "not as 'admin'");
        assertStatus(() -> framework.post("/v1/frameworks", new FrameworkInfo(Optional.empty(), "x", Role.of("berth/vault"),
                FW, Duration.ofMinutes(1)), FrameworkCalls.Registered.class, Duration.ofSeconds(10)),
                403, "principal 'it-access-fw' may not register_framework on role 'berth/vault'");
        // the framework id is listed to readers, but acting for it takes its principal's token
        assertStatus(() -> viewer.post("/v1/frameworks/" + remote.frameworkId() + "/teardown", null, Void.class,
                Duration.ofSeconds(10)), 403, "belongs to principal 'it-access-fw'");
        assertThat(cluster.frameworks()).extracting(f -> f.id().orElseThrow()).contains(remote.frameworkId());
    }

    // ------------------------------------------------------------------ framework operations

    @Test
    void aFrameworkLaunchingAsRootOrReservingForAnotherRoleGets403AndNothingChanges() {
        Offer offer = events.nextOffer(ItCluster.WAIT);
        List<ClusterViews.ReservationRow> reservedBefore = cluster.reservationRows();
        List<ClusterViews.TaskRow> tasksBefore = cluster.taskRows();
        String accept = "/v1/frameworks/" + remote.frameworkId() + "/accept";
        TaskInfo shell = new TaskInfo("it-access-root", "root", offer.agentId(), Resources.parse("cpus:0.1;mem:16"),
                CommandInfo.of("id > /tmp/owned"), List.of(), Duration.ofSeconds(3), Map.of());

        assertStatus(() -> framework.post(accept, new FrameworkCalls.Accept(List.of(offer.id()),
                List.of(new Operation.Launch(List.of(shell))), 0), Void.class, Duration.ofSeconds(10)),
                403, "principal 'it-access-fw' may not launch_as_user on OS user 'root'");
        Resources vaults = Resources.parse("cpus:0.1").reservedAs(Reservation.of(Role.of("berth/vault"), FW, "stolen"));
        assertStatus(() -> framework.post(accept, new FrameworkCalls.Accept(List.of(offer.id()),
                List.of(new Operation.Reserve(vaults)), 0), Void.class, Duration.ofSeconds(10)),
                403, "principal 'it-access-fw' may not reserve on role 'berth/vault'");

        assertThat(cluster.reservationRows()).isEqualTo(reservedBefore);
        assertThat(cluster.taskRows()).extracting(ClusterViews.TaskRow::taskId).isEqualTo(tasksBefore.stream()
                .map(ClusterViews.TaskRow::taskId).toList()).doesNotContain("it-access-root");
        // its own role it may reserve
        Resources own = Resources.parse("cpus:0.1").reservedAs(Reservation.of(FW_ROLE, FW, "own"));
        framework.post(accept, new FrameworkCalls.Accept(List.of(offer.id()), List.of(new Operation.Reserve(own)), 0),
                Void.class, Duration.ofSeconds(10));
        assertThat(cluster.reservationRows()).extracting(ClusterViews.ReservationRow::resourceId).contains("own");
        System.out.println("access IT: LAUNCH as root without ACL -> 403; RESERVE for another role -> 403");
    }

    // ------------------------------------------------------------------ agents

    @Test
    void aFakeAgentOrAnAgentTakingAnothersIdGets403AndTheAgentsStayAsTheyWere() {
        List<ClusterViews.AgentRow> before = cluster.agentRows();
        String agent0Id = before.stream().filter(a -> a.hostname().equals("it-access-agent-0")).findFirst().orElseThrow().id();
        JsonHttp asAgent1 = new JsonHttp(cluster.masterUrls, BearerToken.of(agent1.token()));

        assertStatus(() -> viewer.post("/v1/agent/register", new AgentRegistration(Optional.empty(), "fake", "127.0.0.99",
                "cpus:64;mem:65536", Map.of(), List.of(), List.of()), Object.class, Duration.ofSeconds(10)),
                403, "principal 'vic' may not register_agent on agent hostname 'fake'");
        assertStatus(() -> asAgent1.post("/v1/agent/register", new AgentRegistration(Optional.of(agent0Id),
                "it-access-agent-0", "127.0.0.2", before.get(0).total(), Map.of(), List.of(), List.of()), Object.class,
                Duration.ofSeconds(10)), 403, "principal 'it-access-agent-1'");
        assertThat(cluster.agentRows()).extracting(ClusterViews.AgentRow::id, ClusterViews.AgentRow::status)
                .isEqualTo(before.stream().map(a -> org.assertj.core.groups.Tuple.tuple(a.id(), a.status())).toList());
        System.out.println("access IT: fake agent registration -> 403; takeover of an agent id -> 403");
    }

    @Test
    void aStatusUpdateFromAnotherAgentGets403AndTheTaskRunsOn() {
        ClusterViews.TaskRow running = cluster.taskRows().stream().filter(t -> t.name().equals("v-0-t") && t.state().equals("RUNNING"))
                .findFirst().orElseThrow();
        String owner = running.agentId();
        Credentials other = cluster.agentRows().stream().filter(a -> a.id().equals(owner)).findFirst().orElseThrow().hostname()
                .endsWith("-0") ? agent1 : agent0;
        String otherId = cluster.agentRows().stream().filter(a -> !a.id().equals(owner)).findFirst().orElseThrow().id();
        JsonHttp asOther = new JsonHttp(cluster.masterUrls, BearerToken.of(other.token()));

        assertStatus(() -> asOther.post("/v1/agent/" + otherId + "/status", TaskStatus.of(running.taskId(), otherId,
                TaskState.FINISHED, "forged"), Void.class, Duration.ofSeconds(10)), 403,
                "task " + running.taskId() + " runs on agent " + owner + ", not on agent " + otherId);
        assertStatus(() -> asOther.post("/v1/agent/" + owner + "/status", TaskStatus.of(running.taskId(), owner,
                TaskState.FINISHED, "forged"), Void.class, Duration.ofSeconds(10)), 403, "bound to another principal");
        assertStatus(() -> asOther.post("/v1/agent/" + owner + "/poll", new AgentPoll(0, 0),
                Object.class, Duration.ofSeconds(10)), 403, "bound to another principal");
        assertThat(cluster.taskRows()).filteredOn(t -> t.taskId().equals(running.taskId())).singleElement()
                .extracting(ClusterViews.TaskRow::state).isEqualTo("RUNNING");
        System.out.println("access IT: status update from the wrong agent -> 403");
    }

    // ------------------------------------------------------------------ users

    @Test
    void aViewerReadsButCannotUninstallAndAnOperatorActsButReadsNoSecret() {
        assertThat(viewer.get("/v1/services/vault/plans/deploy", ServiceViews.PlanView.class).status()).isEqualTo("COMPLETE");
        assertStatus(() -> viewer.request("DELETE", "/v1/services/vault", null), 403,
                "principal 'vic' may not uninstall_service on service 'vault'");
        assertStatus(() -> operator.get("/v1/services/vault/secrets/admin_password", Object.class), 403,
                "principal 'olga' may not read_secrets on service 'vault'");
        assertStatus(() -> operator.request("PUT", "/v1/services/vault/secrets/admin_password",
                new ServiceViews.SecretValue("admin_password", "mine")), 403,
                "principal 'olga' may not write_secrets on service 'vault'");
        assertStatus(() -> operator.request("DELETE", "/v1/services/vault", null), 403, "uninstall_service");
        assertStatus(() -> operator.get("/v1/access/acl", Object.class), 403, "manage_access");
        // what the operator may do passes access control and reaches the plan (which has nothing to stop)
        assertStatus(() -> operator.post("/v1/services/vault/plans/deploy/stop", null, ServiceViews.PlanView.class,
                Duration.ofSeconds(30)), 409, "nothing to stop");
        assertThat(operator.get("/v1/services/vault/pods", Object.class)).isNotNull();
        // a task's output is the operator's to read, not the viewer's; a file that may hold a secret is no one's
        String task = cluster.taskRows().stream().filter(t -> t.name().equals("v-0-t") && t.state().equals("RUNNING"))
                .findFirst().orElseThrow().taskId();
        assertStatus(() -> viewer.get("/v1/tasks/" + task + "/logs", Object.class), 403,
                "principal 'vic' may not read_logs on service 'vault'");
        assertThat(operator.get("/v1/tasks/" + task + "/logs?stream=stderr", TaskFileChunk.class).taskId()).isEqualTo(task);
        assertStatus(() -> operator.get("/v1/tasks/" + task + "/logs?file=pw", Object.class), 400,
                "file: 'pw' is not a log");
        assertThat(cluster.serviceRows()).extracting(ServiceViews.ServiceRow::name).containsExactly("vault");
        // the admin reads the secret; the operator's own rules are what it was granted
        String value = cluster.api.get("/v1/services/vault/secrets/admin_password", ServiceViews.SecretValue.class).value();
        assertThat(value).hasSize(24);
        assertThat(operator.get("/v1/access/whoami", AccessViews.WhoAmI.class).rules())
                .extracting(AccessViews.RuleView::action).doesNotContain("read_secrets", "uninstall_service");
        // each refusal is also an event, for the admin who watches
        List<ClusterEvent> denials = cluster.api.get("/v1/events?kind=access.denied", new TypeReference<>() {
        });
        assertThat(denials).extracting(e -> e.details().get("principal") + " " + e.details().get("method") + " "
                + e.details().get("path")).contains("vic DELETE /v1/services/vault",
                "olga GET /v1/services/vault/secrets/admin_password");
        System.out.println("access IT: viewer uninstall -> 403; operator secret read -> 403; " + denials.size()
                + " access.denied events");
    }

    @Test
    void aRequestToAnotherHostNameIsRefusedOnALoopbackApi() throws Exception {
        // as a browser sends it after DNS rebinding: to 127.0.0.1, under another host name (a raw request,
        // since Java's HTTP client does not let a caller set Host)
        URI api = URI.create(cluster.masterUrls.get(0));
        try (java.net.Socket s = new java.net.Socket(api.getHost(), api.getPort())) {
            s.getOutputStream().write(("GET /v1/agents HTTP/1.1\r\nHost: rebound.example:" + api.getPort()
                    + "\r\nAuthorization: Bearer " + cluster.admin.token() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("not a loopback address");
        }
    }

    // ------------------------------------------------------------------ ZooKeeper

    @Test
    void zooKeeperRefusesClientsWithoutTheMastersIdentityAndTheSecretIsEncryptedThere() throws Exception {
        String root = "/berth-it-access";
        try (CuratorFramework anonymous = CuratorFrameworkFactory.newClient(cluster.zkConnect, new RetryOneTime(100))) {
            anonymous.start();
            assertThatThrownBy(() -> anonymous.getData().forPath(root + "/access"))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.getChildren().forPath(root + "/services/vault/secrets"))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.setData().forPath(root + "/access", "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        String password = ClusterSecret.read(cluster.clusterSecret).zooKeeperPassword();
        try (CuratorFramework masters = CuratorFrameworkFactory.builder().connectString(cluster.zkConnect)
                .retryPolicy(new RetryOneTime(100)).authorization("digest", ("berth:" + password).getBytes(StandardCharsets.UTF_8))
                .build()) {
            masters.start();
            String stored = new String(masters.getData().forPath(root + "/services/vault/secrets/admin_password"),
                    StandardCharsets.UTF_8);
            String value = cluster.api.get("/v1/services/vault/secrets/admin_password", ServiceViews.SecretValue.class).value();
            assertThat(stored).startsWith("aesgcm1:").doesNotContain(value);
            assertThat(new String(masters.getData().forPath(root + "/access"), StandardCharsets.UTF_8))
                    .doesNotContain(cluster.admin.token());
        }
        System.out.println("access IT: ZooKeeper client without credentials reading " + root + " -> NoAuth");
    }
}
