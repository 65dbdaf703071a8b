package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the fault tests (ChaosIT, MultiHostIT) ask of a cluster running a Kafka service and a Cassandra
 * service of {@code instances} each, whose long-running task is {@code INSTANCE-server}: has it settled after
 * a fault, is a plan stuck, does the ledger hold what the running instances hold.
 */
final class ClusterChecks {
    static final List<String> SERVICES = List.of("kafka", "cassandra");

    final ItCluster cluster;
    final int agents;
    final int instances;
    final Duration settle;

    ClusterChecks(ItCluster cluster, int agents, int instances, Duration settle) {
        this.cluster = cluster;
        this.agents = agents;
        this.instances = instances;
        this.settle = settle;
    }

    /**
     * Waits, each with a bound and a name, until the cluster has settled after a fault that ended at
     * {@code since}: every ZooKeeper server serving, every master up and one leading, every agent reachable
     * and heard from since, every plan of both services complete and every instance's server running and
     * ready, every partition of {@code topic} with all its replicas in sync, the driver seeing every node up,
     * and both clients acknowledging writes again.
     */
    void settle(String after, Instant since, ZkEnsemble zk, WritingClients clients) {
        String topic = WritingClients.TOPIC;
        await(zk::allServing, "every ZooKeeper server serving after " + after);
        for (String url : cluster.masterUrls) {
            await(() -> healthy(url), "master " + url + " up after " + after);
        }
        await(() -> cluster.agentRows().stream().filter(a -> a.status().equals("REACHABLE") && a.lastSeen().isAfter(since))
                .count() == agents, "every agent REACHABLE and heard from after " + after);
        for (String svc : SERVICES) {
            await(() -> serversReady(svc), "every " + svc + " instance RUNNING and ready after " + after);
            awaitPlansComplete(svc, after);
        }
        try (Admin admin = admin(endpoint("kafka", "broker"))) {
            await(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .allMatch(p -> p.isr().size() == instances), "every partition of " + topic + " with "
                    + instances + " in-sync replicas after " + after);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await(() -> clients.session.getMetadata().getNodes().values().stream().filter(n -> n.getState() == NodeState.UP).count()
                == instances, "the CQL driver seeing " + instances + " nodes up after " + after);
        clients.producer.awaitAcknowledged(clients.producer.acknowledged() + 100);
        clients.writer.awaitAcknowledged(clients.writer.count() + 20, settle);
    }

    static boolean healthy(String masterUrl) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(masterUrl + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    boolean serversReady(String svc) {
        List<ServiceViews.PodRow> pods = pods(svc);
        return pods.size() == instances && pods.stream().allMatch(p -> {
            ServiceViews.TaskRow t = serverTask(p);
            return t.state().equals("RUNNING") && t.ready();
        });
    }

    /** Waits for every plan of the service that is not an operator's to start (never started) to complete. */
    void awaitPlansComplete(String svc, String after) {
        try {
            await(() -> stuckPlans(svc).isEmpty(), "every " + svc + " plan COMPLETE after " + after);
        } catch (ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder(e.getMessage());
            for (String plan : stuckPlans(svc)) {
                ServiceViews.PlanView p = plan(svc, plan);
                p.phases().forEach(ph -> ph.steps().forEach(s -> why.append(String.format("%n  %s/%s/%s %s: %s",
                        plan, ph.name(), s.name(), s.status(), s.message()))));
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    void awaitPlanComplete(String svc, String plan) {
        await(() -> plan(svc, plan).status().equals("COMPLETE"), "the " + svc + " " + plan + " plan COMPLETE");
    }

    /**
     * The service's plans that are not complete, but for plans an operator starts (repair, cleanup) that
     * were never started: interrupted with every step still pending.
     */
    List<String> stuckPlans(String svc) {
        List<String> stuck = new ArrayList<>();
        ServiceViews.ServiceRow row = cluster.serviceRows().stream().filter(s -> s.name().equals(svc)).findFirst().orElseThrow();
        for (Map.Entry<String, String> e : row.plans().entrySet()) {
            if (e.getValue().equals("COMPLETE")) {
                continue;
            }
            ServiceViews.PlanView p = plan(svc, e.getKey());
            boolean neverStarted = p.interrupted() && p.phases().stream().flatMap(ph -> ph.steps().stream())
                    .allMatch(s -> s.status().equals("PENDING"));
            if (!neverStarted) {
                stuck.add(e.getKey());
            }
        }
        return stuck;
    }

    /**
     * What differs between the master's ledger for the service's role (resource id on an agent → what it
     * reserves) and the reservations the service's running pod instances hold (the reserved resources of
     * each instance's tasks and volumes, on the instance's agent): empty when they are the same.
     */
    List<String> ledgerMismatch(String svc, List<String> figures) {
        String role = "berth/" + svc;
        Map<String, String> ledger = new TreeMap<>();
        for (ClusterViews.ReservationRow r : cluster.reservationRows()) {
            if (r.role().equals(role)) {
                ledger.put(r.resourceId() + "@" + r.agentId(), r.resources());
            }
        }
        Map<String, String> held = new TreeMap<>();
        for (ServiceViews.PodRow p : pods(svc)) {
            ServiceViews.PodInfo info = cluster.api.get("/v1/services/" + svc + "/pods/" + p.instance() + "/info",
                    ServiceViews.PodInfo.class);
            assertThat(serverTask(p).state()).as(p.instance() + " running").isEqualTo("RUNNING");
            Map<String, List<Resource>> byId = new TreeMap<>();
            List<Resource> reserved = new ArrayList<>();
            info.instance().taskResources().values().forEach(rs -> reserved.addAll(rs.reserved().list()));
            // a volume's disk is reserved under a resource id of its own
            info.instance().volumes().forEach(vol -> reserved.add(vol.disk()));
            for (Resource r : reserved) {
                String id = r.reservation().orElseThrow().labels().resourceId().orElse("");
                byId.computeIfAbsent(id + "@" + info.instance().agentId(), k -> new ArrayList<>()).add(r.unreserved());
            }
            byId.forEach((k, list) -> held.put(k, Resources.of(list).toString()));
        }
        List<String> mismatch = new ArrayList<>();
        ledger.forEach((k, res) -> {
            if (!held.containsKey(k)) {
                mismatch.add("reserved but held by no running instance: " + k + " " + res);
            } else if (!held.get(k).equals(res)) {
                mismatch.add("reserved " + k + " " + res + " but the instance holds " + held.get(k));
            }
        });
        held.forEach((k, res) -> {
            if (!ledger.containsKey(k)) {
                mismatch.add("held by a running instance but not in the ledger: " + k + " " + res);
            }
        });
        if (mismatch.isEmpty()) {
            figures.add(String.format("%s: the ledger holds %d reservations of %s, the same as the %d running instances hold",
                    svc, ledger.size(), role, instances));
        } else {
            System.out.printf("%s ledger %s%n%s instances hold %s%n", svc, ledger, svc, held);
        }
        return mismatch;
    }

    ClusterViews.AgentRow agentRow(String hostname) {
        return cluster.agentRows().stream().filter(a -> a.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    /** The instances whose home is the agent, e.g. {@code kafka broker-0, cassandra node-0}. */
    String instancesOn(String hostname) {
        List<String> out = new ArrayList<>();
        for (String svc : SERVICES) {
            pods(svc).stream().filter(p -> p.hostname().equals(hostname)).forEach(p -> out.add(svc + " " + p.instance()));
        }
        return out.isEmpty() ? "no instance" : String.join(", ", out);
    }

    ServiceViews.PlanView plan(String svc, String name) {
        return cluster.api.get("/v1/services/" + svc + "/plans/" + name, ServiceViews.PlanView.class);
    }

    List<ServiceViews.PodRow> pods(String svc) {
        return cluster.api.get("/v1/services/" + svc + "/pods", new TypeReference<>() {
        });
    }

    ServiceViews.PodRow pod(String svc, String instance) {
        return pods(svc).stream().filter(p -> p.instance().equals(instance)).findFirst().orElseThrow();
    }

    /** The instance's long-running task: {@code INSTANCE-server} in both packages. */
    static ServiceViews.TaskRow serverTask(ServiceViews.PodRow pod) {
        return pod.tasks().stream().filter(t -> t.name().equals(pod.instance() + "-server")).findFirst().orElseThrow();
    }

    String endpoint(String svc, String name) {
        return cluster.api.get("/v1/services/" + svc + "/endpoints/" + name, ServiceViews.EndpointView.class).joined();
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("request.timeout.ms", "10000");
        p.put("default.api.timeout.ms", "20000");
        return Admin.create(p);
    }

    ItCluster.CommandResult ok(String... args) throws Exception {
        ItCluster.CommandResult r = cluster.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.output()).isZero();
        return r;
    }

    /** kill -SIGNAL PID; a negative pid names a process group. */
    static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, "--", Long.toString(pid)).inheritIO().start();
        assertThat(p.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    void await(ItCluster.Condition condition, String what) {
        await(condition, settle, what);
    }

    static void await(ItCluster.Condition condition, Duration atMost, String what) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(condition::holds);
    }
}
