package dev.berth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.json.BerthJson;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.AccessViews;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.testing.ApiSamples;
import dev.berth.core.testing.FakeMaster;
import dev.berth.core.testing.TestAccess;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;

/** Each method of the client sends the request of its endpoint and reads the answer into the protocol records. */
class BerthClientEndpointsTest {
    private FakeMaster master;
    private BerthClient client;

    @BeforeEach
    void start() throws IOException {
        master = FakeMaster.start();
        client = new BerthClient(List.of(master.url()), TestAccess.TOKEN);
    }

    @AfterEach
    void stop() {
        master.close();
    }

    /** One endpoint: the call, what the fake master answers, and the method and path (with query) expected. */
    record Call(String endpoint, Function<BerthClient, Object> call, String answer, String method, String target) {
        @Override
        public String toString() {
            return endpoint;
        }
    }

    static Stream<Call> everyEndpoint() {
        return Stream.of(
                new Call("agents", c -> c.cluster().agents(), "[]", "GET", "/v1/agents"),
                new Call("whoami", c -> c.access().whoami(), "{}", "GET", "/v1/access/whoami"),
                new Call("principals", c -> c.access().principals(), "[]", "GET", "/v1/access/principals"),
                new Call("principal create", c -> c.access().create(new AccessViews.CreatePrincipal(
                        "alice", null, "operator", List.of("kafka"))), "{}", "POST", "/v1/access/principals"),
                new Call("principal token", c -> c.access().newToken("service:kafka"), "{}", "POST",
                        "/v1/access/principals/service%3Akafka/token"),
                new Call("principal delete", c -> c.access().delete("alice"), "{}", "DELETE", "/v1/access/principals/alice"),
                new Call("acl", c -> c.access().acl(), "[]", "GET", "/v1/access/acl"),
                new Call("acl grant", c -> c.access().grant(new AccessViews.Grant("alice", "viewer",
                        null, List.of())), "[]", "POST", "/v1/access/acl/grant"),
                new Call("acl revoke", c -> c.access().revoke(new AccessViews.Grant("alice", null,
                        "read_secrets", List.of("kafka"))), "[]", "POST", "/v1/access/acl/revoke"),
                new Call("reservations", c -> c.cluster().reservations(), "[]", "GET", "/v1/reservations"),
                new Call("volumes", c -> c.cluster().volumes(), "[]", "GET", "/v1/volumes"),
                new Call("tasks", c -> c.cluster().tasks(), "[]", "GET", "/v1/tasks"),
                new Call("frameworks", c -> c.cluster().frameworks(), "[]", "GET", "/v1/frameworks"),
                new Call("packages", c -> c.packages().list(), "[]", "GET", "/v1/packages"),
                new Call("package describe", c -> c.packages().describe("hello"), "{}", "GET", "/v1/packages/hello"),
                new Call("services", c -> c.services().list(), "[]", "GET", "/v1/services"),
                new Call("install", c -> c.services().install(new ServiceRequests.InstallRequest("h", "hello", Map.of(), null)),
                        "{}", "POST", "/v1/services"),
                new Call("update", c -> c.services().update("h", new ServiceRequests.UpdateRequest(Map.of(), null)),
                        "{}", "POST", "/v1/services/h/update"),
                new Call("uninstall", c -> c.services().uninstall("h"), "{}", "DELETE", "/v1/services/h"),
                new Call("endpoints", c -> c.services().endpoints("h"), "{}", "GET", "/v1/services/h/endpoints"),
                new Call("endpoint", c -> c.services().endpoint("h", "hello"), "{}", "GET", "/v1/services/h/endpoints/hello"),
                new Call("secrets", c -> c.services().secrets("h"), "[]", "GET", "/v1/services/h/secrets"),
                new Call("secret", c -> c.services().secret("h", "pw"), "{}", "GET", "/v1/services/h/secrets/pw"),
                new Call("configurations", c -> c.services().configurations("h"), "{}", "GET", "/v1/services/h/configurations"),
                new Call("plans", c -> c.plans().list("h"), "[]", "GET", "/v1/services/h/plans"),
                new Call("plan", c -> c.plans().get("h", "deploy"), "{}", "GET", "/v1/services/h/plans/deploy"),
                new Call("plan start", c -> c.plans().act("h", "deploy", PlanAction.START, PlanScope.WHOLE_PLAN),
                        "{}", "POST", "/v1/services/h/plans/deploy/start"),
                new Call("plan stop", c -> c.plans().act("h", "deploy", PlanAction.STOP, PlanScope.WHOLE_PLAN),
                        "{}", "POST", "/v1/services/h/plans/deploy/stop"),
                new Call("plan continue", c -> c.plans().act("h", "deploy", PlanAction.CONTINUE, PlanScope.of("hello", null)),
                        "{}", "POST", "/v1/services/h/plans/deploy/continue?phase=hello"),
                new Call("plan force-complete", c -> c.plans().act("h", "deploy", PlanAction.FORCE_COMPLETE,
                        PlanScope.of("hello", "hello-0")), "{}", "POST", "/v1/services/h/plans/deploy/force-complete?phase=hello&step=hello-0"),
                new Call("plan restart", c -> c.plans().act("h", "update", PlanAction.RESTART, PlanScope.of(null, "hello-1")),
                        "{}", "POST", "/v1/services/h/plans/update/restart?step=hello-1"),
                new Call("pods", c -> c.pods().list("h"), "[]", "GET", "/v1/services/h/pods"),
                new Call("pod status", c -> c.pods().status("h", "hello-0"), "{}", "GET", "/v1/services/h/pods/hello-0/status"),
                new Call("pod info", c -> c.pods().info("h", "hello-0"), "{}", "GET", "/v1/services/h/pods/hello-0/info"),
                new Call("pod info document", c -> c.pods().infoDocument("h", "hello-0"), "{}", "GET",
                        "/v1/services/h/pods/hello-0/info"),
                new Call("pod restart", c -> c.pods().restart("h", "hello-0"), "{}", "POST", "/v1/services/h/pods/hello-0/restart"),
                new Call("pod replace", c -> c.pods().replace("h", "hello-0"), "{}", "POST", "/v1/services/h/pods/hello-0/replace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEndpoint")
    void sendsTheRequestOfItsEndpoint(Call call) {
        master.answering(200, call.answer());

        assertThat(call.call().apply(client)).isNotNull();

        FakeMaster.Request r = master.lastRequest();
        assertThat(r.method()).isEqualTo(call.method());
        assertThat(r.rawQuery() == null ? r.rawPath() : r.rawPath() + "?" + r.rawQuery()).isEqualTo(call.target());
        assertThat(master.requests()).hasSize(1);
        assertThat(r.authorization()).as("every call says who the caller is").isEqualTo("Bearer berth_test");
    }

    @Test
    void installSendsTheRequestAsJsonAndReadsWhatWasInstalled() throws IOException {
        master.answering(201, """
                {"name":"web","packageName":"hello","packageVersion":"1.0.0","configId":"config-1"}""");

        ServiceViews.Installed installed = client.services().install(
                new ServiceRequests.InstallRequest("web", "hello", Map.of("hello.count", "2"), null));

        assertThat(installed).isEqualTo(new ServiceViews.Installed("web", "hello", "1.0.0", "config-1"));
        JsonNode sent = BerthJson.mapper().readTree(master.lastRequest().body());
        assertThat(sent.path("name").asText()).isEqualTo("web");
        assertThat(sent.path("packageName").asText()).isEqualTo("hello");
        assertThat(sent.path("options").path("hello.count").asText()).isEqualTo("2");
    }

    @Test
    void podActionsAnswerWhatTheyStarted() {
        master.answering(200, """
                {"message":"replacing hello-1 on another agent; see the recovery plan"}""");

        assertThat(client.pods().replace("hello", "hello-1").message())
                .isEqualTo("replacing hello-1 on another agent; see the recovery plan");
        assertThat(master.lastRequest().body()).isEmpty();
    }

    @Test
    void configurationsWithARealSpecAreReadAsTheApiWritesThem() throws IOException {
        Package hello = PackageRepository.classpath().get("hello");
        ServiceTarget target = new ServiceTarget("config-1", "hello", hello.version(), Map.of("hello.count", 3),
                Map.of(), hello.render("hello", hello.defaults()), Instant.parse("2025-01-02T03:04:05Z"));
        master.answering(200, ApiSamples.json(new ServiceViews.Configurations(target, List.of(target))));

        ServiceViews.Configurations read = client.services().configurations("hello");

        assertThat(read.target()).isEqualTo(target);
        assertThat(read.history()).containsExactly(target);
    }

    @Test
    void podInfoIsReadAsTheRecordAndAsTheDocumentTheMasterWrote() throws IOException {
        ServiceViews.PodInfo info = ApiSamples.podInfo();
        String written = ApiSamples.json(info);
        master.answering(200, written);

        assertThat(client.pods().info("hello", "hello-0")).isEqualTo(info);
        JsonNode document = client.pods().infoDocument("hello", "hello-0");
        assertThat(document).isEqualTo(BerthJson.mapper().readTree(written));
        // the API writes durations as seconds; the record written again by Berth's JSON would say PT30S
        assertThat(document.at("/tasks/0/info/killGracePeriod").isNumber()).isTrue();
    }
}
