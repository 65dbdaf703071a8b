package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.spec.Violation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kafka package's rules across options: a heap below the memory, no downgrade. */
class OptionRulesTest {
    @Test
    void theHeapMustStayBelowTheMemory() {
        assertThat(KafkaOptionRules.check(Map.of("brokers.heap", 512L, "brokers.mem", 512L), Optional.empty()))
                .containsExactly(new Violation("brokers.heap", "512 MiB is not below brokers.mem 512 MiB;"
                        + " the JVM needs 128 MiB besides it: raise brokers.mem to at least 640 or lower brokers.heap"));
        assertThat(KafkaOptionRules.check(Map.of("brokers.heap", 256L, "brokers.mem", 768), Optional.empty())).isEmpty();
    }

    @Test
    void aDowngradeIsRefusedOnUpdateAndVersionsCompareAsNumbers() {
        Map<String, Object> running = Map.of("kafka.version", "4.2.0");
        assertThat(KafkaOptionRules.check(Map.of("kafka.version", "4.1.0"), Optional.of(running)))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("kafka.version");
                    assertThat(v.message()).startsWith("4.1.0 is older than the running 4.2.0");
                });
        assertThat(KafkaOptionRules.check(Map.of("kafka.version", "4.2.0"), Optional.of(Map.of("kafka.version", "4.1.0")))).isEmpty();
        assertThat(KafkaOptionRules.check(Map.of("kafka.version", "4.10.0"), Optional.of(Map.of("kafka.version", "4.9.1")))).isEmpty();
        assertThat(KafkaOptionRules.check(Map.of("kafka.version", "4.9.1"), Optional.of(Map.of("kafka.version", "4.10.0")))).hasSize(1);
        // on install there is nothing to downgrade from
        assertThat(KafkaOptionRules.check(Map.of("kafka.version", "4.1.0"), Optional.empty())).isEmpty();
    }

    @Test
    void thePackageNamesItsHooksAndTheyApplyTheRules() throws Exception {
        Package kafka = PackageRepository.classpath().get("kafka");
        assertThat(kafka.hooksClass()).contains(KafkaHooks.class.getName());
        ServiceHooks hooks = (ServiceHooks) Class.forName(kafka.hooksClass().orElseThrow()).getDeclaredConstructor().newInstance();
        Map<String, Object> defaults = kafka.defaults().values();
        assertThat(hooks.invalidOptions(defaults, Optional.empty())).isEmpty();
        Map<String, Object> bigHeap = new java.util.HashMap<>(defaults);
        bigHeap.put("brokers.heap", 1024L);
        assertThat(hooks.invalidOptions(bigHeap, Optional.empty())).extracting(Violation::field).containsExactly("brokers.heap");
        Map<String, Object> ownSettings = new java.util.HashMap<>(defaults);
        ownSettings.put("kafka.server_properties", "num.io.threads=4;node.id=7");
        assertThat(hooks.invalidOptions(ownSettings, Optional.empty())).extracting(Violation::field)
                .containsExactly("kafka.server_properties");
    }

    @Test
    void theFirstThreeBrokersAreTheControllers() {
        assertThat(new KafkaLayout(5).controllerIndexes().boxed()).containsExactly(0, 1, 2);
        assertThat(new KafkaLayout(5).isController(3)).isFalse();
        assertThat(new KafkaLayout(1).controllerIndexes().boxed()).containsExactly(0);
        assertThat(KafkaLayout.of(Map.of("brokers.count", 2L), 9).controllers()).isEqualTo(2);
        assertThat(KafkaLayout.of(Map.of(), 4).controllers()).isEqualTo(3);
    }
}
