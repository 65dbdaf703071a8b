package dev.berth.core.client;

import dev.berth.core.http.BearerToken;
import dev.berth.core.http.JsonHttp;
import java.util.List;

/**
 * The typed client of Berth's REST API, by area: {@link #cluster()}, {@link #packages()},
 * {@link #services()}, {@link #plans()}, {@link #pods()}. Each method is one endpoint; names are
 * percent-encoded in the URL, answers are the protocol records, and a refusal is a
 * {@link BerthApiException} ({@link InvalidRequestException}, {@link NotFoundException},
 * {@link ConflictException}) carrying the API's message and field. Given several master URLs, it goes
 * from a standby to the leader it names and skips a master that does not answer; when none answers, it
 * throws {@link MasterUnreachableException}. One client keeps the leader it found for its next calls.
 */
public final class BerthClient {
    private final ClusterClient cluster;
    private final PackageClient packages;
    private final ServiceClient services;
    private final PlanClient plans;
    private final PodClient pods;
    private final AccessClient access;
    private final ApiCalls calls;

    /**
     * @param masterUrls such as {@code http://127.0.0.1:8080}; at least one
     * @param token      who the client is: the token of a credentials file
     */
    public BerthClient(List<String> masterUrls, BearerToken token) {
        this.calls = new ApiCalls(new JsonHttp(masterUrls, token));
        this.access = new AccessClient(calls);
        this.cluster = new ClusterClient(calls);
        this.packages = new PackageClient(calls);
        this.services = new ServiceClient(calls);
        this.plans = new PlanClient(calls);
        this.pods = new PodClient(calls);
    }

    public ClusterClient cluster() {
        return cluster;
    }

    public PackageClient packages() {
        return packages;
    }

    public ServiceClient services() {
        return services;
    }

    public PlanClient plans() {
        return plans;
    }

    /** The master URL that answered last: the leader, after a first call. */
    public String currentMaster() {
        return calls.currentMaster();
    }

    public AccessClient access() {
        return access;
    }

    public PodClient pods() {
        return pods;
    }
}
