package dev.berth.core.client;

import dev.berth.core.testing.TestAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.testing.FakeMaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's refusals as typed exceptions with its message and field; standbys, leaders and silent masters. */
class BerthClientErrorsTest {
    private final List<FakeMaster> masters = new ArrayList<>();

    @AfterEach
    void stop() {
        masters.forEach(FakeMaster::close);
    }

    private FakeMaster master(int status, String body) throws IOException {
        FakeMaster m = FakeMaster.start().answering(status, body);
        masters.add(m);
        return m;
    }

    @Test
    void badRequestNamingAFieldIsAnInvalidRequestWithThatField() throws IOException {
        FakeMaster m = master(400, """
                {"message":"hello.count: 99 is above the maximum 20","field":"hello.count"}""");
        BerthClient client = new BerthClient(List.of(m.url()), TestAccess.TOKEN);

        assertThatThrownBy(() -> client.services().install(new ServiceRequests.InstallRequest(null, "hello",
                Map.of("hello.count", "99"), null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).contains("hello.count");
                    assertThat(e.getMessage()).isEqualTo("hello.count: 99 is above the maximum 20");
                });
    }

    @Test
    void badRequestWithoutAFieldHasNone() throws IOException {
        FakeMaster m = master(400, """
                {"message":"phase: force-complete needs the phase (and optionally the step)","field":null}""");

        assertThatThrownBy(() -> new BerthClient(List.of(m.url()), TestAccess.TOKEN).plans()
                .act("hello", "deploy", PlanAction.FORCE_COMPLETE, PlanScope.WHOLE_PLAN))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessage("phase: force-complete needs the phase (and optionally the step)");
    }

    @Test
    void unknownNameIsNotFound() throws IOException {
        FakeMaster m = master(404, """
                {"message":"service hello has no plan 'nope'; plans: [deploy, update]"}""");

        assertThatThrownBy(() -> new BerthClient(List.of(m.url()), TestAccess.TOKEN).plans().get("hello", "nope"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.field()).isEmpty();
                })
                .hasMessage("service hello has no plan 'nope'; plans: [deploy, update]");
    }

    @Test
    void refusalInThePresentStateIsAConflict() throws IOException {
        FakeMaster m = master(409, """
                {"message":"plan deploy is not stopped"}""");

        assertThatThrownBy(() -> new BerthClient(List.of(m.url()), TestAccess.TOKEN).plans()
                .act("hello", "deploy", PlanAction.CONTINUE, PlanScope.WHOLE_PLAN))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("plan deploy is not stopped");
    }

    @Test
    void anyOtherStatusKeepsItsStatusAndMessage() throws IOException {
        FakeMaster failing = master(500, """
                {"message":"java.lang.NullPointerException"}""");
        FakeMaster noJson = master(502, "Bad Gateway");

        assertThatThrownBy(() -> new BerthClient(List.of(failing.url()), TestAccess.TOKEN).cluster().agents())
                .isInstanceOfSatisfying(UnexpectedStatusException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("java.lang.NullPointerException");
        assertThatThrownBy(() -> new BerthClient(List.of(noJson.url()), TestAccess.TOKEN).cluster().agents())
                .isInstanceOfSatisfying(UnexpectedStatusException.class, e -> assertThat(e.status()).isEqualTo(502))
                .hasMessage("HTTP 502 from " + noJson.url() + "/v1/agents");
    }

    @Test
    void aStandbyIsFollowedToTheLeaderItNames() throws IOException {
        FakeMaster leader = master(200, """
                [{"agentId":"agent-0","role":"berth/hello","principal":"hello","resourceId":"r-1","resources":"cpus:0.1"}]""");
        FakeMaster standby = master(503, """
                {"message":"this master is a standby","leader":"%s"}""".formatted(leader.url()));
        BerthClient client = new BerthClient(List.of(standby.url()), TestAccess.TOKEN);

        assertThat(client.cluster().reservations()).singleElement()
                .satisfies(r -> assertThat(r.resourceId()).isEqualTo("r-1"));
        assertThat(standby.requests()).hasSize(1);
        assertThat(leader.requests()).hasSize(1);

        client.cluster().reservations();
        assertThat(standby.requests()).as("the leader found is asked first next time").hasSize(1);
        assertThat(leader.requests()).hasSize(2);
    }

    @Test
    void aMasterThatDoesNotAnswerIsSkippedForTheNext() throws IOException {
        FakeMaster live = master(200, "[]");

        assertThat(new BerthClient(List.of(FakeMaster.deadUrl(), live.url()), TestAccess.TOKEN).services().list()).isEmpty();
        assertThat(live.requests()).hasSize(1);
    }

    @Test
    void noMasterAnsweringIsUnreachable() throws IOException {
        String dead = FakeMaster.deadUrl();

        assertThatThrownBy(() -> new BerthClient(List.of(dead), TestAccess.TOKEN).cluster().agents())
                .isInstanceOf(MasterUnreachableException.class)
                .hasMessage("no leading master answered at " + dead + ": connection refused (is a master running there?)");
    }

    @Test
    void standbysThatNameNoLeaderAreUnreachable() throws IOException {
        FakeMaster standby = master(503, """
                {"message":"no leader elected yet"}""");

        assertThatThrownBy(() -> new BerthClient(List.of(standby.url()), TestAccess.TOKEN).cluster().agents())
                .isInstanceOf(MasterUnreachableException.class)
                .hasMessage("no leading master answered at " + standby.url() + ": " + standby.url()
                        + " is a standby: no leader elected yet");
    }
}
