package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.offer.NodeCertificates;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import dev.berth.reservations.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which running instances hold a certificate due for renewal: a third of its 90 days (30 days) or less left. */
class CertificateRenewalTest {
    static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
    static final Optional<TlsSpec> TLS_90D = Optional.of(new TlsSpec(Duration.ofDays(90)));

    static TaskSpec task(String name, Optional<TlsSpec> tls) {
        return new TaskSpec(name, GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64, List.of(), List.of(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(3), tls);
    }

    /** broker (3) serves TLS with a server and an agent task; web (2) does not. */
    static final ServiceSpec SPEC = new ServiceSpec("svc", "svc-role", "svc", List.of(
            new PodSpec("broker", 3, List.of(), List.of(), List.of(task("server", TLS_90D), task("agent", TLS_90D)), Optional.empty()),
            new PodSpec("web", 2, List.of(), List.of(), List.of(task("server", Optional.empty())), Optional.empty())), List.of());

    /** A task of {@code instance} whose certificate expires at {@code expires} (no label when null). */
    static TaskRecord task(String instance, String task, String expires, TaskState state) {
        Map<String, String> labels = new HashMap<>(Map.of("task", task, "pod_instance", instance));
        if (expires != null) {
            labels.put(NodeCertificates.EXPIRES_LABEL, expires);
        }
        String name = instance + "-" + task;
        TaskInfo info = new TaskInfo(name + "__1", name, "agent-0", Resources.EMPTY, CommandInfo.of("sleep 1000"), List.of(),
                Duration.ofSeconds(3), labels);
        return new TaskRecord(name, instance, "config-1", info, Optional.of(TaskStatus.of(info.taskId(), "agent-0", state, "")));
    }

    static TaskRecord running(String instance, String task, Instant expires) {
        return task(instance, task, expires.toString(), TaskState.RUNNING);
    }

    @Test
    void aCertificateIsDueOnceAThirdOfItsValidityIsLeftAndStaysDueAfter() {
        Instant expires = T.plus(Duration.ofDays(90));
        List<TaskRecord> tasks = List.of(running("broker-0", "server", expires));
        Instant renewFrom = expires.minus(Duration.ofDays(30));

        assertThat(CertificateRenewal.due(SPEC, tasks, T)).isEmpty();
        assertThat(CertificateRenewal.due(SPEC, tasks, renewFrom.minusSeconds(1))).isEmpty();
        assertThat(CertificateRenewal.due(SPEC, tasks, renewFrom)).containsExactly(
                new CertificateRenewal.Due("broker", "broker-0", "broker-0-server", expires));
        assertThat(CertificateRenewal.due(SPEC, tasks, expires.plus(Duration.ofDays(1)))).hasSize(1);
    }

    @Test
    void endedTasksTasksWithoutAnExpiryAndTasksWithoutTlsAreNotDue() {
        Instant now = T.plus(Duration.ofDays(365)); // every expiry given below is long past
        List<TaskRecord> tasks = List.of(
                task("broker-0", "server", T.toString(), TaskState.FINISHED),
                task("broker-1", "server", T.toString(), TaskState.FAILED),
                task("broker-2", "server", null, TaskState.RUNNING),
                task("broker-2", "agent", "not an instant", TaskState.RUNNING),
                task("web-0", "server", T.toString(), TaskState.RUNNING));

        assertThat(CertificateRenewal.due(SPEC, tasks, now)).isEmpty();
    }

    @Test
    void theSoonestExpiryComesFirst() {
        List<TaskRecord> tasks = List.of(
                running("broker-0", "server", T.plus(Duration.ofDays(20))),
                running("broker-1", "server", T.plus(Duration.ofDays(5))),
                running("broker-2", "server", T.plus(Duration.ofDays(10))));

        assertThat(CertificateRenewal.due(SPEC, tasks, T)).extracting(CertificateRenewal.Due::instance)
                .containsExactly("broker-1", "broker-2", "broker-0");
    }

    @Test
    void anInstanceIsDueOnceWithItsSoonestExpiry() {
        List<TaskRecord> tasks = List.of(
                running("broker-0", "server", T.plus(Duration.ofDays(20))),
                running("broker-1", "server", T.plus(Duration.ofDays(10))),
                running("broker-0", "agent", T.plus(Duration.ofDays(5))));

        assertThat(CertificateRenewal.due(SPEC, tasks, T)).containsExactly(
                new CertificateRenewal.Due("broker", "broker-0", "broker-0-agent", T.plus(Duration.ofDays(5))),
                new CertificateRenewal.Due("broker", "broker-1", "broker-1-server", T.plus(Duration.ofDays(10))));
    }
}
