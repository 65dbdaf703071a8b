package dev.berth.core.master;

import dev.berth.core.events.EventSink;
import dev.berth.core.access.Authorizer;
import dev.berth.core.framework.FrameworkConnector;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.protocol.HeldVolume;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.Registry;
import dev.berth.volumes.VolumeLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The leading master: keeps the agents and their ledgers ({@link AgentRegistrations}), offers resources
 * to frameworks ({@link OfferBook}), applies their operations ({@link Accepts}), sends launches and kills
 * to agents and carries status updates back ({@link MasterTasks}), and keeps the frameworks' sessions
 * ({@link FrameworkSessions}). This class is their one door: every call hops onto the master's event
 * loop, so no two changes interleave; every change that matters is written to the {@link Registry}
 * before anyone is told about it.
 */
public final class Master implements FrameworkConnector, AutoCloseable {
    private final MasterState state;
    private final MasterLoop loop = new MasterLoop();
    private final MasterTasks tasks;
    private final OfferBook offers;
    private final AgentRegistrations agents;
    private final FrameworkSessions sessions;
    private final Accepts accepts;
    private final CompletedTasks completed;
    private final TaskFileReads files;

    /** How often the gauges (agents, tasks, usage) are read from the master's state. */
    private static final Duration METERS_REFRESH = Duration.ofSeconds(1);

    private Master(MasterConfig config, Registry registry, Clock clock, Authorizer authorizer, EventSink events,
                   MasterMeters meters) {
        this.state = new MasterState(config, registry, clock, authorizer, events, meters);
        this.tasks = new MasterTasks(state);
        this.offers = new OfferBook(state);
        this.agents = new AgentRegistrations(state, tasks, offers);
        this.sessions = new FrameworkSessions(state, tasks, offers);
        this.accepts = new Accepts(state, offers);
        this.completed = new CompletedTasks(state);
        this.files = new TaskFileReads(state);
    }

    /**
     * Starts a master from what the registry holds (see {@link MasterState#recover}), with its periodic work.
     * Every framework registration, operation and agent message is checked with {@code authorizer}.
     */
    public static Master start(MasterConfig config, Registry registry, Clock clock, Authorizer authorizer) {
        return start(config, registry, clock, authorizer, EventSink.NONE, MasterMeters.none());
    }

    /** A master that tells {@code events} what it changed and counts on {@code meters}. */
    public static Master start(MasterConfig config, Registry registry, Clock clock, Authorizer authorizer, EventSink events,
                               MasterMeters meters) {
        Master m = new Master(config, registry, clock, authorizer, events, meters);
        try {
            m.loop.submit(() -> {
                m.state.recover(registry.load());
                return null;
            }).join();
        } catch (CompletionException e) {
            // a registry that cannot be read (a corrupt znode): no master, and no loop thread left behind
            m.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        m.loop.every(config.allocationInterval(), m.offers::allocate);
        m.loop.every(Duration.ofMillis(Math.max(50, config.agentTimeout().toMillis() / 4)), () -> {
            m.agents.checkSilence();
            m.sessions.checkFailoverTimeouts();
            m.offers.expire();
        });
        m.loop.every(config.statusRetryInterval(), m.tasks::retryUnacknowledged);
        m.loop.every(METERS_REFRESH, () -> m.state.meters.refresh(m.state));
        m.loop.every(config.allocationInterval(), m.completed::sweep);
        return m;
    }

    // ------------------------------------------------------------------ agents

    /**
     * An agent registers, or re-registers after a restart or a master failover, with the tasks it
     * still runs. Tasks the master expected there but the agent does not report are LOST; tasks the
     * agent runs but the master does not know (or already gave up on) are killed.
     */
    public CompletableFuture<AgentRegistered> registerAgent(String principal, Optional<String> knownId, AgentInfo declared,
                                                            List<TaskStatus> running) {
        return registerAgent(principal, knownId, declared, running, List.of());
    }

    /** As above, with the volumes the agent has on its disks: those its ledger no longer has are removed. */
    public CompletableFuture<AgentRegistered> registerAgent(String principal, Optional<String> knownId, AgentInfo declared,
                                                            List<TaskStatus> running, List<HeldVolume> volumes) {
        return loop.submit(() -> agents.register(principal, knownId, declared, running, volumes));
    }

    /**
     * The agent's long poll, which is also its heartbeat: it confirms the commands up to
     * {@code confirmed} and waits up to {@code wait} for new ones. An unknown or timed-out agent is
     * told to register again (empty result with {@code registered=false}). Only the agent's own principal
     * may poll its commands.
     */
    public CompletableFuture<Optional<List<Sequenced<AgentCommand>>>> pollCommands(String principal, String agentId,
                                                                                long confirmed, Duration wait) {
        return loop.submit(() -> agents.heardFrom(principal, agentId).map(agent -> {
            // A poll is heard when it arrives; held as long as the agent timeout, the next one would
            // arrive just after the agent counts as silent. Held at most half of it, an agent that
            // polls again at once is never taken for gone.
            Duration half = state.config.agentTimeout().dividedBy(2);
            Duration held = wait.compareTo(half) > 0 ? half : wait;
            try {
                return agent.commands.poll(confirmed, held, loop.scheduler()).thenApply(Optional::of);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the loop is stopping while this poll runs on it: the term is over, as close() tells the others
                return CompletableFuture.<Optional<List<Sequenced<AgentCommand>>>>failedFuture(new TermEndedException());
            }
        }).orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()))).thenCompose(f -> f);
    }

    /** The agent's latest measurements of its tasks and volumes, kept for the API. */
    public CompletableFuture<Void> usageFromAgent(String principal, String agentId, AgentUsage usage) {
        return loop.submit(() -> {
            agents.usage(principal, agentId, usage);
            return null;
        });
    }

    /**
     * A status update from agent {@code agentId}, sent as {@code principal}: accepted only from the agent's own
     * principal and for a task on that agent. Once this completes it is durable, and the agent may forget it.
     */
    public CompletableFuture<Void> statusFromAgent(String principal, String agentId, TaskStatus status) {
        return loop.submit(() -> {
            agents.requireOwner(principal, agentId);
            tasks.fromAgent(principal, agentId, status);
            return null;
        });
    }

    /**
     * A piece of a task's file, read by its agent, for {@code principal} if it may {@code read_logs} on the task's
     * framework. Fails with {@link NoSuchTaskException}, {@link AgentUnansweredException}, or an
     * IllegalArgumentException for a path the agent refused.
     */
    public CompletableFuture<TaskFileChunk> readTaskFile(String principal, TaskFileRead read) {
        return loop.submit(() -> files.read(principal, read, loop.scheduler())).thenCompose(f -> f);
    }

    /** An agent's answer to a read of a task's file; only the agent's own principal may give it. */
    public CompletableFuture<Void> fileFromAgent(String principal, String agentId, String requestId, TaskFileAnswer answer) {
        return loop.submit(() -> {
            agents.requireOwner(principal, agentId);
            files.answer(agentId, requestId, answer);
            return null;
        });
    }

    /**
     * The leadership epoch this master acts in (its registry's): stamped on its answers to agents, which
     * refuse the commands of a master older than the newest they have heard from.
     */
    public long epoch() {
        return state.registry.epoch();
    }

    // ------------------------------------------------------------------ frameworks

    /**
     * A framework registers (no id) or re-registers (its id); its scheduler's first callback brings the
     * driver it calls the master through. Re-registering hands it back its tasks; reconcile tells it
     * their states.
     */
    @Override
    public CompletableFuture<FrameworkDriver> register(FrameworkInfo info, Scheduler scheduler) {
        return loop.submit(() -> sessions.register(info, scheduler,
                id -> new InProcessDriver(id, loop, accepts, offers, tasks, sessions)));
    }

    /**
     * The framework went away (its process died, it stopped polling). Its offers are rescinded; its
     * tasks keep running until its failover timeout ends, then they are killed, unless it registers
     * again with its id before that.
     */
    public CompletableFuture<Void> disconnectFramework(String frameworkId) {
        return loop.submit(() -> {
            sessions.disconnect(frameworkId);
            return null;
        });
    }

    // ------------------------------------------------------------------ views

    /** An agent as the API shows it. */
    public record AgentView(AgentInfo info, String status, Instant lastSeen, VolumeLedger ledger, AgentUsage usage) {
    }

    /** A task as the API shows it, with what its agent last measured of it. */
    public record TaskView(String frameworkId, TaskInfo info, TaskStatus latest, Optional<AgentUsage.TaskUsage> usage) {
    }

    public CompletableFuture<List<AgentView>> agents() {
        return loop.submit(() -> state.agents.values().stream()
                .map(a -> new AgentView(a.info, a.status.name(), a.lastSeen, a.ledger, a.usage)).toList());
    }

    public CompletableFuture<List<TaskView>> tasks() {
        return loop.submit(() -> state.tasks.values().stream().map(t -> new TaskView(t.frameworkId, t.info, t.latest,
                Optional.ofNullable(state.agents.get(t.info.agentId())).flatMap(a -> a.usage.tasks().stream()
                        .filter(u -> u.taskId().equals(t.info.taskId())).findFirst()))).toList());
    }

    public CompletableFuture<List<FrameworkInfo>> frameworks() {
        return loop.submit(() -> state.frameworks.values().stream().map(f -> f.info).toList());
    }

    @Override
    public void close() {
        // agents waiting in a long poll learn now that this term is over (503) and go to find the leader,
        // instead of hearing nothing until their poll's wait is up and being taken for silent meanwhile
        loop.close(Duration.ofSeconds(5), () -> {
            state.agents.values().forEach(a -> a.commands.close(new TermEndedException()));
            files.close();
        });
        state.meters.standBy();
        state.frameworks.values().forEach(FrameworkRecord::disconnect);
    }
}
