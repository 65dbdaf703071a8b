package dev.berth.core.sdk;

import dev.berth.core.testing.TestAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.sdk.state.InMemoryStateStore;
import dev.berth.core.sdk.state.StateStore;
import dev.berth.core.state.InMemoryRegistry;
import dev.berth.reservations.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install and update keep what the user gave: an update changes only the options it names. */
class ServiceManagerTest {
    final Master master = Master.start(MasterConfig.defaults(), new InMemoryRegistry(), Clock.systemUTC(), TestAccess.open());
    final Map<String, StateStore> stores = new ConcurrentHashMap<>();
    @TempDir
    static Path packages;
    final ServiceManager services = new ServiceManager(master, PackageRepository.of(getClass().getClassLoader(),
            Optional.of(withVaultPackage())),
            name -> stores.computeIfAbsent(name, n -> new InMemoryStateStore()), Clock.systemUTC(),
            ServiceScheduler.Settings.defaults(), TestAccess.openStore());

    /** A package that declares a secret and writes it into a config file. */
    static Path withVaultPackage() {
        try {
            Path dir = packages.resolve("vault");
            Files.createDirectories(dir.resolve("templates"));
            Files.writeString(dir.resolve("package.yaml"), "name: vault\nversion: \"1.0\"\nsecrets:\n"
                    + "  admin_password: {description: the admin's password}\n"
                    + "  store_key: {given: true, description: the store's key}\n");
            Files.writeString(dir.resolve("svc.yaml"), """
                    name: {{service.name}}
                    pods:
                      v:
                        count: {{count}}
                        user: {{user}}
                        tasks:
                          t: {cmd: "cat pw", cpus: 0.1, memory: 8, configs: {pw: {template: pw.mustache, dest: pw}}}
                    """);
            Files.writeString(dir.resolve("options.json"),
                    "{\"type\": \"object\", \"properties\": {\"count\": {\"type\": \"integer\", \"default\": 1},"
                            + " \"user\": {\"type\": \"string\", \"default\": \"nobody\"}}}");
            Files.writeString(dir.resolve("templates/pw.mustache"), "admin {{secrets.admin_password}}\n");
            Path guarded = packages.resolve("guarded");
            Files.createDirectories(guarded);
            Files.writeString(guarded.resolve("package.yaml"), "name: guarded\nversion: \"1.0\"\nhooks: "
                    + LiveRuleHooks.class.getName() + "\n");
            Files.writeString(guarded.resolve("svc.yaml"), """
                    name: {{service.name}}
                    pods:
                      g:
                        count: {{count}}
                        allow-decommission: true
                        user: nobody
                        tasks:
                          t: {cmd: "sleep 100", cpus: 0.1, memory: 8}
                    """);
            Files.writeString(guarded.resolve("options.json"),
                    "{\"type\": \"object\", \"properties\": {\"count\": {\"type\": \"integer\", \"default\": 3},"
                            + " \"database\": {\"type\": \"string\", \"default\": \"up\"}}}");
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        services.close();
        master.close();
    }

    /**
     * A service resumed by a new leader asks the master at once what became of its tasks: the driver
     * comes with the registered callback, so reconciliation cannot be skipped for want of one.
     */
    @Test
    void aResumedServiceLearnsWhatBecameOfItsTasksWhenItRegisters() {
        services.install("hello", "hello", Map.of(), Optional.empty(), "admin");
        services.close(); // the framework goes with its leader; its state store stays
        StateStore store = stores.get("hello");
        TaskInfo launched = new TaskInfo("hello-0-server__gone", "hello-0-server", "agent-x", Resources.EMPTY,
                CommandInfo.of("sleep 100"), List.of(), null, Map.of());
        store.storeTask(new TaskRecord("hello-0-server", "hello-0", store.target().orElseThrow().id(), launched,
                Optional.of(TaskStatus.of(launched.taskId(), "agent-x", TaskState.RUNNING, "running"))));

        ServiceManager resumed = new ServiceManager(master, services.packages(), stores::get, Clock.systemUTC(),
                ServiceScheduler.Settings.defaults(), TestAccess.openStore());
        try {
            resumed.resume(List.of("hello"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(resumed.get("hello").snapshot().tasks().get("hello-0-server").latest().orElseThrow())
                            .satisfies(st -> {
                                assertThat(st.state()).isEqualTo(TaskState.LOST);
                                assertThat(st.reason()).isEqualTo(TaskStatus.Reason.UNKNOWN_TASK);
                            }));
        } finally {
            resumed.close();
        }
    }

    @Test
    void anUpdateWithAnAbsentOptionsFileKeepsTheOptionsGivenBefore() {
        services.install("hello", "hello", Map.of("hello.message", "given at install"), Optional.empty(), "admin");

        // the API hands over a JSON null when a client sends no options file
        ServiceTarget t = services.update("hello", Map.of("hello.count", "2"), Optional.of(NullNode.instance), "admin");

        assertThat(t.options()).containsEntry("hello.message", "given at install").containsEntry("hello.count", 2L);
        assertThat(t.given()).containsOnlyKeys("hello.message", "hello.count");
    }

    @Test
    void installGeneratesTheDeclaredSecretsDurablyAndUpdatesKeepThem() {
        services.install("vault", "vault", Map.of(), Optional.empty(), "admin");
        String password = stores.get("vault").secrets().value("admin_password").orElseThrow();

        services.update("vault", Map.of("count", "2"), Optional.empty(), "admin");

        assertThat(password).matches("[A-Za-z0-9]{24}");
        assertThat(stores.get("vault").secrets().value("admin_password")).contains(password);
        assertThat(services.secret("vault", "admin_password")).isEqualTo(password);
        assertThat(services.secrets("vault")).hasSize(2).first().satisfies(s -> {
            assertThat(s.name()).isEqualTo("admin_password");
            assertThat(s.description()).isEqualTo("the admin's password");
            assertThat(s.fingerprint()).matches("[0-9a-f]{16}").doesNotContain(password);
        });
        assertThatThrownBy(() -> services.secret("vault", "root_password"))
                .isInstanceOf(ServiceManager.NoSuchServiceException.class)
                .hasMessage("service vault has no secret 'root_password'; secrets: [admin_password]");
    }

    @Test
    void aGivenSecretIsNotGeneratedAndOnlyItMayBeSetByAnOperatorWithAGoodValue() {
        services.install("vault", "vault", Map.of(), Optional.empty(), "admin");
        assertThat(stores.get("vault").secrets().value("store_key")).isEmpty();
        assertThat(services.secrets("vault")).extracting(s -> s.name() + " " + s.fingerprint())
                .contains("store_key (not set)");
        String password = stores.get("vault").secrets().value("admin_password").orElseThrow();

        assertThatThrownBy(() -> services.setSecret("vault", "admin_password", "mine"))
                .hasMessage("secret: admin_password of service vault is generated by Berth and used by the running service; "
                        + "it cannot be set (the secrets an operator sets: [store_key])");
        assertThatThrownBy(() -> services.setSecret("vault", "other", "x"))
                .hasMessage("secret: package vault of service vault declares no secret 'other'; it declares [admin_password, store_key]");
        assertThatThrownBy(() -> services.setSecret("vault", "store_key", "two\nlines"))
                .hasMessageStartingWith("value: the value of secret store_key must be 1 to 4096 characters without line breaks");
        assertThat(stores.get("vault").secrets().value("store_key")).as("a refused value changes nothing").isEmpty();
        assertThat(stores.get("vault").secrets().value("admin_password")).contains(password);

        ServiceViews.SecretInfo set = services.setSecret("vault", "store_key", "AKIA-test-key");
        assertThat(set.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(services.secret("vault", "store_key")).isEqualTo("AKIA-test-key");
    }

    @Test
    void aServiceWhosePackageDeclaresNoSecretsHasNone() {
        services.install("hello", "hello", Map.of(), Optional.empty(), "admin");

        assertThat(services.secrets("hello")).isEmpty();
        assertThat(stores.get("hello").secrets()).isEqualTo(Secrets.NONE);
    }

    @Test
    void aCallerWhoMayNotLaunchAsTheNodesUserCannotInstallTheServiceAndNothingChanges() {
        // ops may install any service and launch as nobody only; hello's pods name no user, so run as root
        var store = new dev.berth.core.access.InMemoryAccessStore(new dev.berth.core.access.AccessState(List.of(), List.of(
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.INSTALL_SERVICE, "*"),
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.LAUNCH_AS_USER, "nobody"))));
        ServiceManager guarded = new ServiceManager(master, services.packages(),
                name -> stores.computeIfAbsent(name, n -> new InMemoryStateStore()), Clock.systemUTC(),
                ServiceScheduler.Settings.defaults(), store);

        assertThatThrownBy(() -> guarded.install("hello", "hello", Map.of(), Optional.empty(), "ops"))
                .isInstanceOf(dev.berth.core.access.AccessDeniedException.class)
                .hasMessageContaining("ops").hasMessageContaining("launch_as_user").hasMessageContaining("root");

        assertThat(guarded.services()).isEmpty();
        assertThat(stores.get("hello")).satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s.target()).isEmpty());
        assertThat(store.current().rules()).hasSize(2); // no framework rights were granted
    }

    @Test
    void anUpdateToAnotherUserNeedsTheCallerToLaunchAsItAndThenGrantsItToTheServicesPrincipal() {
        var store = new dev.berth.core.access.InMemoryAccessStore(new dev.berth.core.access.AccessState(List.of(), List.of(
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.INSTALL_SERVICE, "*"),
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.UPDATE_SERVICE, "*"),
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.LAUNCH_AS_USER, "nobody"),
                dev.berth.core.access.AclRule.allow("ops", dev.berth.core.access.Action.LAUNCH_AS_USER, "vault"))));
        ServiceManager guarded = new ServiceManager(master, services.packages(),
                name -> stores.computeIfAbsent(name, n -> new InMemoryStateStore()), Clock.systemUTC(),
                ServiceScheduler.Settings.defaults(), store);
        guarded.install("vault", "vault", Map.of(), Optional.empty(), "ops");
        var launchAs = dev.berth.core.access.Action.LAUNCH_AS_USER;
        assertThat(store.current().rules()).contains(dev.berth.core.access.AclRule.allow("service:vault", launchAs, "nobody"))
                .noneMatch(r -> r.principal().equals("service:vault") && r.action() == launchAs && !r.object().equals("nobody"));
        String configBefore = stores.get("vault").target().orElseThrow().id();

        assertThatThrownBy(() -> guarded.update("vault", Map.of("user", "root"), Optional.empty(), "ops"))
                .isInstanceOf(dev.berth.core.access.AccessDeniedException.class)
                .hasMessage("access denied: principal 'ops' may not launch_as_user on OS user 'root' (no ACL rule allows it)");
        assertThat(stores.get("vault").target().orElseThrow().id()).isEqualTo(configBefore);

        guarded.update("vault", Map.of("user", "vault"), Optional.empty(), "ops");
        assertThat(store.current().rules()).contains(dev.berth.core.access.AclRule.allow("service:vault", launchAs, "vault"))
                .doesNotContain(dev.berth.core.access.AclRule.allow("service:vault", launchAs, "root"));
        guarded.close();
    }

    /**
     * Hooks whose database keeps 2 copies of everything: a count below 2 is refused on update; with the
     * option {@code database=down} the database cannot be asked (the hook throws).
     */
    public static final class LiveRuleHooks implements dev.berth.core.sdk.hooks.ServiceHooks {
        @Override
        public List<dev.berth.core.spec.Violation> invalidUpdate(dev.berth.core.sdk.hooks.HookContext current,
                                                                 Map<String, Object> next) {
            if ("down".equals(next.get("database"))) {
                throw new IllegalStateException("the database did not answer");
            }
            long now = ((Number) next.get("count")).longValue();
            long was = ((Number) current.target().options().get("count")).longValue();
            return now < was && now < 2 ? List.of(new dev.berth.core.spec.Violation("count", was + " -> " + now
                    + ": topic t has 2 copies")) : List.of();
        }
    }

    @Test
    void anUpdateThePackageRefusesAfterAskingTheRunningServiceChangesNothingAndOneItCannotCheckGoesThrough() {
        services.install("g", "guarded", Map.of(), Optional.empty(), "admin");
        String configBefore = stores.get("g").target().orElseThrow().id();

        assertThatThrownBy(() -> services.update("g", Map.of("count", "1"), Optional.empty(), "admin"))
                .isInstanceOf(dev.berth.core.spec.SpecException.class)
                .hasMessageContaining("count: 3 -> 1: topic t has 2 copies");
        assertThat(stores.get("g").target().orElseThrow().id()).isEqualTo(configBefore);
        assertThat(stores.get("g").plans()).doesNotContainKey("decommission");

        // allowed by the rule, it is stored and its decommission planned
        assertThat(services.update("g", Map.of("count", "2"), Optional.empty(), "admin").options()).containsEntry("count", 2L);
        // the database cannot be asked: the update goes through (the decommission checks again)
        assertThat(services.update("g", Map.of("count", "1", "database", "down"), Optional.empty(), "admin").options())
                .containsEntry("count", 1L);
    }
}
