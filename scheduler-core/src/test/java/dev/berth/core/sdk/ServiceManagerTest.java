package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.state.InMemoryRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Install and update keep what the user gave: an update changes only the options it names. */
class ServiceManagerTest {
    final Master master = Master.start(MasterConfig.defaults(), new InMemoryRegistry(), Clock.systemUTC());
    final Map<String, StateStore> stores = new ConcurrentHashMap<>();
    final ServiceManager services = new ServiceManager(master, PackageRepository.classpath(),
            name -> stores.computeIfAbsent(name, n -> new InMemoryStateStore()), Clock.systemUTC(),
            ServiceScheduler.Settings.defaults());

    @AfterEach
    void close() {
        services.close();
        master.close();
    }

    @Test
    void anUpdateWithAnAbsentOptionsFileKeepsTheOptionsGivenBefore() {
        services.install("hello", "hello", Map.of("hello.message", "given at install"), Optional.empty());

        // the API hands over a JSON null when a client sends no options file
        ServiceTarget t = services.update("hello", Map.of("hello.count", "2"), Optional.of(NullNode.instance));

        assertThat(t.options()).containsEntry("hello.message", "given at install").containsEntry("hello.count", 2L);
        assertThat(t.given()).containsOnlyKeys("hello.message", "hello.count");
    }
}
