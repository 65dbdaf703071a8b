package dev.berth.core.master;

import static dev.berth.core.master.MasterTest.AGENT;
import static dev.berth.core.master.MasterTest.WAIT;
import static dev.berth.core.master.MasterTest.reserved;
import static dev.berth.core.master.MasterTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.access.AccessRole;
import dev.berth.core.access.AccessState;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.access.InMemoryAccessStore;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.InMemoryRegistry;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The master's side of access control: an agent id belongs to the principal that registered it, an agent
 * speaks only for its own tasks, a framework registers and operates only as its ACL allows, and a framework
 * id is no token. Each refusal changes nothing.
 */
class MasterAccessTest {
    final InMemoryAccessStore store = new InMemoryAccessStore(AccessState.EMPTY
            .withRules(AccessRole.AGENT.rules("agent-a", List.of()))
            .withRules(AccessRole.AGENT.rules("agent-b", List.of()))
            .withRules(AccessRole.FRAMEWORK.rules("web", List.of("web")))
            .withRules(AccessRole.FRAMEWORK.rules("intruder", List.of("web"))));
    final InMemoryRegistry registry = new InMemoryRegistry();
    final Master master = Master.start(MasterConfig.defaults().withAllocationInterval(Duration.ofMillis(50)), registry,
            Clock.systemUTC(), new Authorizer(store));

    @AfterEach
    void stop() {
        master.close();
    }

    String agent(String principal, String ip) {
        return master.registerAgent(principal, Optional.empty(), new AgentInfo("-", "host-" + ip, ip, AGENT, Map.of()),
                List.of()).join().agentId();
    }

    FrameworkDriver framework(String principal, String role, RecordingScheduler s) {
        return master.register(new FrameworkInfo(Optional.empty(), principal, Role.of(role), Principal.of(principal),
                Duration.ofMinutes(1)), s).join();
    }

    static void assertDenied(CompletableFuture<?> call, String... parts) {
        assertThatThrownBy(call::join).cause().isInstanceOf(AccessDeniedException.class).hasMessageContainingAll(parts);
    }

    @Test
    void anAgentIdStaysWithThePrincipalThatRegisteredIt() {
        String id = agent("agent-a", "127.0.0.2");

        assertDenied(master.registerAgent("agent-b", Optional.of(id), new AgentInfo(id, "host-127.0.0.2", "127.0.0.2",
                AGENT, Map.of()), List.of()), "principal 'agent-b'", id, "bound to the principal that registered it first");
        assertDenied(master.pollCommands("agent-b", id, 0, Duration.ZERO), "principal 'agent-b'", id);
        assertDenied(master.usageFromAgent("agent-b", id, new AgentUsage(null, null, null)), "principal 'agent-b'");

        assertThat(registry.load().agents().get(id).principal()).isEqualTo("agent-a");
        assertThat(master.pollCommands("agent-a", id, 0, Duration.ZERO).join()).isPresent();
    }

    @Test
    void aPrincipalWithoutTheAgentRuleCannotRegisterAnAgent() {
        assertDenied(master.registerAgent("web", Optional.empty(), new AgentInfo("-", "fake", "127.0.0.9", AGENT, Map.of()),
                List.of()), "principal 'web' may not register_agent on agent hostname 'fake'");
        assertThat(master.agents().join()).isEmpty();
        assertThat(registry.load().agents()).isEmpty();
    }

    @Test
    void anAgentReportsOnlyItsOwnTasks() {
        store.update(s -> s.withRules(List.of(AclRule.allow("web", Action.LAUNCH_AS_USER, "root"))));
        String a = agent("agent-a", "127.0.0.2");
        String b = agent("agent-b", "127.0.0.3");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver web = framework("web", "web", s);
        Offer onA = s.nextOfferFrom(a, WAIT);
        web.accept(List.of(onA.id()), List.of(new Operation.Launch(List.of(task("t1", a, Resources.parse("cpus:1;mem:64"))))),
                Duration.ZERO).join();

        assertDenied(master.statusFromAgent("agent-b", b, TaskStatus.of("t1", b, TaskState.FINISHED, "forged")),
                "task t1 runs on agent " + a + ", not on agent " + b);
        assertDenied(master.statusFromAgent("agent-b", b, TaskStatus.of("t1", a, TaskState.FINISHED, "forged")),
                "principal 'agent-b'");
        assertDenied(master.statusFromAgent("agent-b", a, TaskStatus.of("t1", a, TaskState.FINISHED, "forged")),
                "principal 'agent-b'", "bound to another principal");

        assertThat(registry.load().tasks().get("t1").latest().state()).isEqualTo(TaskState.STAGING);
        master.statusFromAgent("agent-a", a, TaskStatus.of("t1", a, TaskState.RUNNING, "pid 7")).join();
        assertThat(registry.load().tasks().get("t1").latest().state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void aFrameworkRegistersOnlyForARoleItsAclAllows() {
        assertDenied(master.register(new FrameworkInfo(Optional.empty(), "web", Role.of("db/cassandra"), Principal.of("web"),
                Duration.ofMinutes(1)), new RecordingScheduler()), "principal 'web' may not register_framework on role 'db/cassandra'");
        assertThat(master.frameworks().join()).isEmpty();
        assertThat(registry.load().frameworks()).isEmpty();
    }

    @Test
    void aFrameworkIdIsTakenOverOnlyByItsOwnPrincipal() {
        FrameworkDriver web = framework("web", "web", new RecordingScheduler());
        assertDenied(master.register(new FrameworkInfo(Optional.of(web.frameworkId()), "web", Role.of("web"),
                Principal.of("intruder"), Duration.ofMinutes(1)), new RecordingScheduler()),
                "framework " + web.frameworkId() + " belongs to principal 'web'");
        assertThat(master.frameworks().join()).singleElement().extracting(FrameworkInfo::principal)
                .isEqualTo(Principal.of("web"));
    }

    @Test
    void reservingForAnotherRoleAndLaunchingAsRootNeedTheirRulesAndADenialChangesNothing() {
        String a = agent("agent-a", "127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver web = framework("web", "web", s);
        Offer offer = s.nextOffer(WAIT);

        assertDenied(web.accept(List.of(offer.id()), List.of(new Operation.Reserve(reserved("db/cassandra", "web", "r1",
                "cpus:1"))), Duration.ZERO), "principal 'web' may not reserve on role 'db/cassandra'");
        assertDenied(web.accept(List.of(offer.id()), List.of(new Operation.Reserve(reserved("web", "web", "r1", "cpus:1")),
                new Operation.Launch(List.of(task("t1", a, Resources.parse("cpus:1;mem:64"))))), Duration.ZERO),
                "principal 'web' may not launch_as_user on OS user 'root'");
        assertThat(master.agents().join().get(0).ledger().ledger().reserved().isEmpty()).isTrue();
        assertThat(registry.load().tasks()).isEmpty();

        store.update(st -> st.withRules(List.of(AclRule.allow("web", Action.LAUNCH_AS_USER, "root"))));
        web.accept(List.of(offer.id()), List.of(new Operation.Reserve(reserved("web", "web", "r1", "cpus:1")),
                new Operation.Launch(List.of(task("t1", a, Resources.parse("cpus:1;mem:64"))))), Duration.ZERO).join();
        assertThat(registry.load().tasks()).containsKey("t1");
    }
}
