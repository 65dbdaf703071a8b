package dev.berth.cassandra.cli;

import dev.berth.core.testing.TestAccess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cassandra.Login;
import dev.berth.core.client.BerthClient;
import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.testing.ApiSamples;
import dev.berth.core.testing.FakeMaster;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code berth cassandra cql} finds contact points, data center and login of a real Cassandra configuration. */
class CqlTargetTest {
    private final Package cassandra = PackageRepository.classpath().get("cassandra");
    private FakeMaster master;

    @BeforeEach
    void start() throws IOException {
        master = FakeMaster.start()
                .answering("/v1/services/ring/endpoints/native-client", 200, ApiSamples.json(new ServiceViews.EndpointView(
                        "native-client", List.of("127.0.0.2:31001", "127.0.0.3:31001"), "127.0.0.2:31001,127.0.0.3:31001")))
                .answering("/v1/services/ring/secrets/superuser_password", 200,
                        ApiSamples.json(new ServiceViews.SecretValue("superuser_password", "s3cret")));
    }

    @AfterEach
    void stop() {
        master.close();
    }

    private void configured(Map<String, String> overrides) {
        Options options = cassandra.options(overrides);
        ServiceTarget target = new ServiceTarget("config-1", "cassandra", cassandra.version(), options.values(),
                options.given(), cassandra.render("ring", options), Instant.parse("2025-01-02T03:04:05Z"));
        master.answering("/v1/services/ring/configurations", 200,
                ApiSamples.json(new ServiceViews.Configurations(target, List.of(target))));
    }

    @Test
    void withAuthenticationItLogsInAsTheSuperuserWithTheServicesSecret() {
        configured(Map.of("cassandra.superuser", "dba", "cassandra.datacenter", "east"));

        CqlTarget target = CqlTarget.of(new BerthClient(List.of(master.url()), TestAccess.TOKEN).services(), "ring");

        assertThat(target.contactPoints()).isEqualTo("127.0.0.2:31001,127.0.0.3:31001");
        assertThat(target.datacenter()).isEqualTo("east");
        assertThat(target.login()).contains(new Login("dba", "s3cret"));
    }

    @Test
    void withoutAuthenticationItNeitherLogsInNorReadsTheSecret() {
        configured(Map.of("cassandra.authentication", "false"));

        CqlTarget target = CqlTarget.of(new BerthClient(List.of(master.url()), TestAccess.TOKEN).services(), "ring");

        assertThat(target.login()).isEmpty();
        assertThat(target.datacenter()).isEqualTo("dc1");
        assertThat(master.requests()).extracting(FakeMaster.Request::rawPath)
                .doesNotContain("/v1/services/ring/secrets/superuser_password");
    }
}
