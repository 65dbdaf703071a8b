package dev.berth.core.api;

import dev.berth.core.access.Authorizer;
import dev.berth.core.master.Master;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.sdk.ServiceManager;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which master this process serves the API for: the leading {@link Master} when this process leads,
 * nothing while it stands by (requests then get 503 naming the leader).
 */
@ApplicationScoped
public class MasterHolder {
    private volatile Master master;
    private volatile ClusterViews.LeaderView term;
    private volatile Authorizer authorizer;
    private volatile ServiceManager services;
    private volatile Supplier<Optional<String>> leaderUrl = Optional::empty;
    private volatile Optional<String> cannotLead = Optional.empty();

    /** The access control of this master process, which answers for callers even while it stands by. */
    public void authorizeWith(Authorizer a) {
        this.authorizer = a;
    }

    /** The authorizer; empty until the master process has read its ACL (every request is refused until then). */
    public Optional<Authorizer> authorizer() {
        return Optional.ofNullable(authorizer);
    }

    public void lead(Master m) {
        this.master = m;
    }

    public void lead(Master m, ServiceManager s) {
        this.services = s;
        this.master = m;
    }

    /** Leads with {@code m} and {@code s} in the term {@code t}. */
    public void lead(Master m, ServiceManager s, ClusterViews.LeaderView t) {
        this.term = t;
        lead(m, s);
    }

    /** The term of the leading master, or a {@link NotLeaderException} naming the leader. */
    public ClusterViews.LeaderView term() {
        leader();
        ClusterViews.LeaderView t = term;
        if (t == null) {
            throw new IllegalStateException("this master's term is not known");
        }
        return t;
    }

    public void standBy(Supplier<Optional<String>> leader) {
        standBy(leader, Optional.empty());
    }

    /**
     * Stands by; {@code why}, when given, says why this master cannot lead (its takeover failed) and goes into
     * every 503, so that a caller who reaches it learns more than that no leader is elected.
     */
    public void standBy(Supplier<Optional<String>> leader, Optional<String> why) {
        this.master = null;
        this.services = null;
        this.term = null;
        this.leaderUrl = leader;
        this.cannotLead = why;
    }

    /** The services of the leading master, or a {@link NotLeaderException} naming the leader. */
    public ServiceManager services() {
        leader();
        ServiceManager s = services;
        if (s == null) {
            throw new IllegalStateException("this master runs no services");
        }
        return s;
    }

    /** The leading master, or a {@link NotLeaderException} naming the leader. */
    public Master leader() {
        Master m = master;
        if (m == null) {
            throw new NotLeaderException(leaderUrl.get(), cannotLead);
        }
        return m;
    }

    public Optional<Master> current() {
        return Optional.ofNullable(master);
    }
}
