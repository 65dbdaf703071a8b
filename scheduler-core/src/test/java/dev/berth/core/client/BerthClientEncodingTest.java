package dev.berth.core.client;

import dev.berth.core.testing.TestAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.plan.PlanAction;
import dev.berth.core.testing.FakeMaster;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names and query values reach the master percent-encoded, each as exactly the one segment or value it is. */
class BerthClientEncodingTest {
    private FakeMaster master;
    private BerthClient client;

    @BeforeEach
    void start() throws IOException {
        master = FakeMaster.start().answering(200, "{}");
        client = new BerthClient(List.of(master.url()), TestAccess.TOKEN);
    }

    @AfterEach
    void stop() {
        master.close();
    }

    @Test
    void aNameWithASpaceAndASlashIsOneEncodedSegment() {
        client.plans().get("my service", "roll/out");

        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/my%20service/plans/roll%2Fout");
    }

    @Test
    void everythingButUnreservedCharactersIsEncodedAsUtf8() {
        client.pods().status("caf\u00e9", "a;b+c?d#e%f&g=h");

        assertThat(master.lastRequest().rawPath())
                .isEqualTo("/v1/services/caf%C3%A9/pods/a%3Bb%2Bc%3Fd%23e%25f%26g%3Dh/status");
        assertThat(master.lastRequest().rawQuery()).isNull();
    }

    @Test
    void unreservedCharactersStayAsTheyAre() {
        client.services().secret("kafka-1.prod_a~b", "superuser_password");

        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/kafka-1.prod_a~b/secrets/superuser_password");
    }

    @Test
    void phaseAndStepAreEncodedQueryValues() {
        client.plans().act("kafka", "deploy", PlanAction.FORCE_COMPLETE, PlanScope.of("broker phase", "broker-0&x=1+2"));

        FakeMaster.Request r = master.lastRequest();
        assertThat(r.rawPath()).isEqualTo("/v1/services/kafka/plans/deploy/force-complete");
        assertThat(r.rawQuery()).isEqualTo("phase=broker%20phase&step=broker-0%26x%3D1%2B2");
    }

    @Test
    void aWholePlanActionHasNoQuery() {
        client.plans().act("kafka", "deploy", PlanAction.STOP, PlanScope.WHOLE_PLAN);

        assertThat(master.lastRequest().rawQuery()).isNull();
    }

    @Test
    void aNameThatCannotBeASegmentIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.pods().restart("hello", ".."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod: '..' is not valid; expected a name that is not empty, '.' or '..'");
        assertThatThrownBy(() -> client.plans().list(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service: '' is not valid; expected a name that is not empty, '.' or '..'");
        assertThatThrownBy(() -> client.services().endpoint("kafka", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint: missing; expected a name that is not empty, '.' or '..'");
        assertThat(master.requests()).isEmpty();
    }
}
