package dev.berth.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What crosses the wire (agent protocol, framework API) reads back as it was written. */
class BerthJsonTest {
    static final Reservation R = Reservation.of(Role.of("db/kafka"), Principal.of("kafka"), "broker-0");
    static final Volume VOLUME = Volume.of("broker-0-log", "log", VolumeMode.RW,
            Resources.parse("disk:100").reservedAs(R).list().get(0));
    static final TaskInfo TASK = new TaskInfo("broker-0-server", "broker-0-server", "a1",
            Resources.parse("cpus:0.5;mem:256;ports:[31000]").reservedAs(R), new CommandInfo("run", Map.of("A", "1")),
            List.of(new VolumeMount("broker-0-log", "db/kafka", "log", false)), Duration.ofSeconds(20), Map.of("pod", "broker-0"));

    static <T> T roundTrip(T value, TypeReference<T> type) throws Exception {
        // writerFor keeps the generic type, as the REST layer does with declared return and field types
        String json = BerthJson.mapper().writerFor(type).writeValueAsString(value);
        return BerthJson.mapper().readValue(json, type);
    }

    @Test
    void agentCommandsRoundTrip() throws Exception {
        List<Sequenced<AgentCommand>> commands = List.of(
                new Sequenced<>(1, new AgentCommand.LaunchTask("fw", TASK, List.of(VOLUME))),
                new Sequenced<>(2, new AgentCommand.KillTask("t", Duration.ofSeconds(3))),
                new Sequenced<>(3, new AgentCommand.DestroyVolume(VOLUME)));
        assertThat(roundTrip(commands, new TypeReference<List<Sequenced<AgentCommand>>>() {
        })).isEqualTo(commands);
    }

    @Test
    void frameworkEventsRoundTrip() throws Exception {
        Offer offer = new Offer("o1", "fw", "a1", "h", "127.0.0.2", Map.of("zone", "a"),
                Resources.parse("cpus:1;mem:100").plus(Resources.parse("cpus:1").reservedAs(R)), List.of(VOLUME));
        List<Sequenced<FrameworkEvent>> events = List.of(
                new Sequenced<>(1, FrameworkEvent.offers(List.of(offer))),
                new Sequenced<>(2, FrameworkEvent.update(new TaskStatus("t", "a1", TaskState.FAILED, null, "exit 3",
                        Optional.of(3), Optional.empty(), false, null, null))),
                new Sequenced<>(3, FrameworkEvent.registered("fw")),
                new Sequenced<>(4, FrameworkEvent.error("no")));
        assertThat(roundTrip(events, new TypeReference<List<Sequenced<FrameworkEvent>>>() {
        })).isEqualTo(events);
    }

    @Test
    void operationsRoundTrip() throws Exception {
        List<Operation> ops = List.of(new Operation.Reserve(Resources.parse("cpus:1").reservedAs(R)),
                new Operation.Create(List.of(VOLUME)), new Operation.Launch(List.of(TASK)),
                new Operation.Destroy(List.of(VOLUME)), new Operation.Unreserve(Resources.parse("cpus:1").reservedAs(R)));
        assertThat(roundTrip(ops, new TypeReference<List<Operation>>() {
        })).isEqualTo(ops);
    }
}
