package dev.berth.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.util.List;

/**
 * An operation a framework asks for when it accepts offers. A list of them is applied in order and
 * atomically: all are validated against the agent's ledger first, and if one is refused none is
 * applied.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.Reserve.class, name = "RESERVE"),
        @JsonSubTypes.Type(value = Operation.Unreserve.class, name = "UNRESERVE"),
        @JsonSubTypes.Type(value = Operation.Create.class, name = "CREATE"),
        @JsonSubTypes.Type(value = Operation.Destroy.class, name = "DESTROY"),
        @JsonSubTypes.Type(value = Operation.Launch.class, name = "LAUNCH")})
public sealed interface Operation {
    /** The name users see: RESERVE, UNRESERVE, CREATE, DESTROY, LAUNCH. */
    @JsonIgnore
    String type();

    record Reserve(Resources resources) implements Operation {
        public String type() {
            return "RESERVE";
        }
    }

    record Unreserve(Resources resources) implements Operation {
        public String type() {
            return "UNRESERVE";
        }
    }

    record Create(List<Volume> volumes) implements Operation {
        public Create {
            volumes = List.copyOf(volumes);
        }

        public String type() {
            return "CREATE";
        }
    }

    record Destroy(List<Volume> volumes) implements Operation {
        public Destroy {
            volumes = List.copyOf(volumes);
        }

        public String type() {
            return "DESTROY";
        }
    }

    record Launch(List<TaskInfo> tasks) implements Operation {
        public Launch {
            tasks = List.copyOf(tasks);
        }

        public String type() {
            return "LAUNCH";
        }
    }
}
