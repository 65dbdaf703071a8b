package dev.berth.core.master;

import dev.berth.core.protocol.Offer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The offers out to frameworks. Each allocation cycle's decisions become offers to connected
 * frameworks; an offer ends when it is accepted, declined, rescinded (its agent or framework went away,
 * the framework suppressed) or when it outlives the offer timeout, so resources are never held by a
 * framework that stopped answering. Whatever ends an offer hands its resources back to the allocator.
 * Runs on the master's loop.
 */
final class OfferBook {
    private static final Logger LOG = Logger.getLogger(OfferBook.class);

    private final MasterState state;

    OfferBook(MasterState state) {
        this.state = state;
    }

    /** An allocation cycle: what the allocator decides goes out as one offer per agent and framework. */
    void allocate() {
        long began = System.nanoTime();
        for (Allocation a : state.allocator.allocate(state.clock.instant())) {
            AgentRecord agent = state.agents.get(a.agentId());
            FrameworkRecord f = state.frameworks.get(a.frameworkId());
            if (agent == null || f == null || !f.connected()) {
                state.allocator.offerEnded(a.frameworkId(), a.agentId(), a.resources());
                continue;
            }
            Offer offer = new Offer(UUID.randomUUID().toString(), a.frameworkId(), a.agentId(), agent.info.hostname(),
                    agent.info.ip(), agent.info.attributes(), a.resources(), agent.ledger.volumesOf(f.info.role()));
            state.offers.put(offer.id(), new MasterState.Outstanding(offer, state.clock.instant()));
            f.call(s -> s.offers(List.of(offer)));
            state.meters.offerSent();
        }
        state.meters.allocationTook(Duration.ofNanos(System.nanoTime() - began));
    }

    /** The offer {@code offerId} when it is out to the framework now; empty when rescinded, used or never made. */
    Optional<Offer> outstanding(String frameworkId, String offerId) {
        return Optional.ofNullable(state.offers.get(offerId)).map(MasterState.Outstanding::offer)
                .filter(o -> o.frameworkId().equals(frameworkId));
    }

    /** The outstanding offer {@code offerId} of the framework, taken out of the book (it is being used). */
    Optional<Offer> take(String frameworkId, String offerId) {
        Optional<Offer> found = outstanding(frameworkId, offerId);
        if (found.isEmpty()) {
            return found;
        }
        MasterState.Outstanding o = state.offers.remove(offerId);
        state.allocator.offerEnded(frameworkId, o.offer().agentId(), o.offer().resources());
        return Optional.of(o.offer());
    }

    /** The framework does not want the offer; its agent is not offered to it again for {@code refuseFor}. */
    void decline(String frameworkId, String offerId, Duration refuseFor) {
        take(frameworkId, offerId).ifPresent(o -> {
            state.allocator.decline(frameworkId, o.agentId(), state.clock.instant().plus(refuseFor));
            state.meters.offerDeclined();
        });
    }

    /** Takes back every outstanding offer that {@code which} matches, telling its framework. */
    void rescindWhere(Predicate<Offer> which) {
        for (MasterState.Outstanding o : List.copyOf(state.offers.values())) {
            if (which.test(o.offer())) {
                rescind(o.offer());
            }
        }
    }

    /** Takes back offers out longer than the offer timeout: a framework that neither accepts nor declines holds nothing. */
    void expire() {
        Instant due = state.clock.instant().minus(state.config.offerTimeout());
        for (MasterState.Outstanding o : List.copyOf(state.offers.values())) {
            if (o.since().isBefore(due)) {
                LOG.infof("offer %s of agent %s to framework %s unanswered for %s: rescinded", o.offer().id(),
                        o.offer().agentId(), o.offer().frameworkId(), state.config.offerTimeout());
                rescind(o.offer());
            }
        }
    }

    private void rescind(Offer o) {
        state.offers.remove(o.id());
        state.meters.offerRescinded();
        state.allocator.offerEnded(o.frameworkId(), o.agentId(), o.resources());
        FrameworkRecord f = state.frameworks.get(o.frameworkId());
        if (f != null) {
            f.call(s -> s.rescinded(o.id()));
        }
    }
}
