package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HostPort;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.reservations.Resources;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hooks find each controller's own listener from its reserved ports, not from a position in an endpoint list. */
class KafkaAddressesTest {
    final Package kafka = PackageRepository.classpath().get("kafka");

    HookContext context(int brokers, Map<Integer, String> homes) {
        Options options = kafka.options(Map.of("brokers.count", String.valueOf(brokers)));
        ServiceSpec spec = kafka.render("kafka", options);
        Map<String, PodInstanceRecord> pods = new HashMap<>();
        homes.forEach((i, ip) -> pods.put("broker-" + i, new PodInstanceRecord("broker-" + i, "broker", i, ip.isEmpty() ? "" : "agent-" + i,
                "host-" + i, ip, Map.of(), ip.isEmpty() ? Map.of() : Map.of("server", Resources.parse("cpus:0.5;mem:768;ports:[31000-31001]")),
                List.of(), Optional.empty(), List.of())));
        ServiceTarget target = new ServiceTarget("c1", "kafka", "0.1.0", options.values(), options.given(), spec, Instant.EPOCH);
        return new HookContext(target, pods, Map.of(), Endpoints.of(spec, pods, Map.of()));
    }

    @Test
    void eachInstanceHasItsOwnBrokerAndControllerAddress() {
        HookContext c = context(3, Map.of(0, "127.0.0.2", 1, "127.0.0.3", 2, "127.0.0.4"));
        assertThat(c.address("broker-1", "broker")).contains(new HostPort("127.0.0.3", 31000));
        assertThat(c.address("broker-1", "controller")).contains(new HostPort("127.0.0.3", 31001));
        assertThat(c.address("broker-1", "jmx")).isEmpty();
    }

    @Test
    void theControllerBootstrapNamesOnlyTheControllersThatHaveAHome() {
        HookContext c = context(5, Map.of(0, "127.0.0.2", 1, "", 2, "127.0.0.4", 3, "127.0.0.5", 4, "127.0.0.6"));
        assertThat(c.address("broker-1", "controller")).isEmpty();
        assertThat(KafkaHooks.controllerBootstrap(c, "broker-3"))
                .isEqualTo(KafkaBootstrap.plaintext("127.0.0.2:31001,127.0.0.4:31001"));
    }

    @Test
    void theNodeIdIsThePodIndex() {
        assertThat(KafkaHooks.brokerId("broker-2")).isEqualTo(2);
        assertThat(KafkaHooks.brokerId("broker-1")).isEqualTo(1);
        assertThatThrownBy(() -> KafkaHooks.brokerId("broker")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod instance: 'broker' is not valid; expected TYPE-INDEX such as node-0");
    }
}
