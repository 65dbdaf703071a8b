package dev.berth.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.Labels;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Ranges;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.ResourceValue;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one JSON mapping of Berth's model, used for the agent protocol, the REST API and the state in
 * ZooKeeper and RocksDB alike, so a record reads the same everywhere. Resources are written as a list
 * of objects: {@code {"name":"cpus","value":"1.5","role":"db/kafka","principal":"kafka","labels":{...}}}.
 */
public final class BerthJson {
    private static final ObjectMapper MAPPER = create();

    private BerthJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new Jdk8Module());
        m.registerModule(new JavaTimeModule());
        m.registerModule(modelModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serializers for the value types of the resource model. */
    public static SimpleModule modelModule() {
        SimpleModule module = new SimpleModule("berth-model");
        module.addSerializer(Role.class, new ToStringSerializer<>(Role.class));
        module.addDeserializer(Role.class, new FromStringDeserializer<>(Role.class, Role::of));
        module.addSerializer(Principal.class, new ToStringSerializer<>(Principal.class));
        module.addDeserializer(Principal.class, new FromStringDeserializer<>(Principal.class, Principal::of));
        module.addSerializer(Resource.class, new ResourceSerializer());
        module.addDeserializer(Resource.class, new ResourceDeserializer());
        module.addSerializer(Resources.class, new ResourcesSerializer());
        module.addDeserializer(Resources.class, new ResourcesDeserializer());
        return module;
    }

    private static final class ToStringSerializer<T> extends StdSerializer<T> {
        ToStringSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class FromStringDeserializer<T> extends StdDeserializer<T> {
        private final java.util.function.Function<String, T> parse;

        FromStringDeserializer(Class<T> type, java.util.function.Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse.apply(p.getValueAsString());
        }
    }

    private static ObjectNode write(Resource r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", r.name());
        o.put("value", r.value().toString());
        if (r.source().kind() != DiskSource.Kind.ROOT) {
            o.put("source", r.source().kind().name());
            o.put("root", r.source().root());
        }
        r.reservation().ifPresent(res -> {
            o.put("role", res.role().name());
            o.put("principal", res.principal().name());
            if (!res.labels().isEmpty()) {
                ObjectNode labels = o.putObject("labels");
                res.labels().values().forEach(labels::put);
            }
        });
        return o;
    }

    private static Resource read(JsonNode o) {
        String name = o.path("name").asText();
        String text = o.path("value").asText();
        ResourceValue value = text.startsWith("[") ? Ranges.parse(name, text) : Scalar.parse(name, text);
        DiskSource source = o.has("source")
                ? new DiskSource(DiskSource.Kind.valueOf(o.get("source").asText()), o.path("root").asText())
                : DiskSource.ROOT;
        Optional<Reservation> reservation = Optional.empty();
        if (o.has("role")) {
            TreeMap<String, String> labels = new TreeMap<>();
            o.path("labels").fields().forEachRemaining(
                    (Map.Entry<String, JsonNode> e) -> labels.put(e.getKey(), e.getValue().asText()));
            reservation = Optional.of(new Reservation(Role.of(o.get("role").asText()),
                    Principal.of(o.path("principal").asText()), new Labels(labels)));
        }
        return new Resource(name, value, reservation, source);
    }

    private static final class ResourceSerializer extends StdSerializer<Resource> {
        ResourceSerializer() {
            super(Resource.class);
        }

        @Override
        public void serialize(Resource value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(write(value));
        }
    }

    private static final class ResourceDeserializer extends StdDeserializer<Resource> {
        ResourceDeserializer() {
            super(Resource.class);
        }

        @Override
        public Resource deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(p.getCodec().readTree(p));
        }
    }

    private static final class ResourcesSerializer extends StdSerializer<Resources> {
        ResourcesSerializer() {
            super(Resources.class);
        }

        @Override
        public void serialize(Resources value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            value.list().forEach(r -> array.add(write(r)));
            gen.writeTree(array);
        }
    }

    /** Reads the list of objects, or the agent text form as a string. */
    private static final class ResourcesDeserializer extends StdDeserializer<Resources> {
        ResourcesDeserializer() {
            super(Resources.class);
        }

        @Override
        public Resources deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.getCodec().readTree(p);
            if (node.isTextual()) {
                return Resources.parse(node.asText());
            }
            List<Resource> out = new ArrayList<>();
            node.forEach(o -> out.add(read(o)));
            return Resources.of(out);
        }
    }
}
