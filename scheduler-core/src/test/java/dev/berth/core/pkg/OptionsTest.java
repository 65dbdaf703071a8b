package dev.berth.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.protocol.OptionRow;
import dev.berth.core.spec.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = "known: hello.count, hello.cpus, hello.mem, hello.disk, hello.message, hello.sleep";
    private static OptionsSchema hello;

    @BeforeAll
    static void loadHello() {
        hello = PackageRepository.classpath().get("hello").schema();
    }

    private static List<String> refused(JsonNode file, Map<String, String> overrides) {
        try {
            Options.resolve(hello, file, overrides);
        } catch (OptionsException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("options were accepted: " + overrides);
    }

    private static List<String> refused(Map<String, String> overrides) {
        return refused(null, overrides);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void defaultsComeFromTheSchema() {
        Options options = Options.defaults(hello);

        assertThat(options.values()).containsExactly(Map.entry("hello.count", 3L), Map.entry("hello.cpus", 0.1),
                Map.entry("hello.mem", 32L), Map.entry("hello.disk", 16L),
                Map.entry("hello.message", "Hello from Berth"), Map.entry("hello.sleep", 100000L));
        assertThat(options.given()).isEmpty();
        assertThat(options.nested()).containsOnlyKeys("hello");
        assertThat(options.toJson().at("/hello/count").asInt()).isEqualTo(3);
    }

    @Test
    void overridesAreConvertedToTheSchemaType() {
        Options options = Options.resolve(hello, Options.assignments(
                List.of("hello.count=5", "hello.cpus=0.5", "hello.message=a = b & <c>")));

        assertThat(options.get("hello.count")).contains(5L);
        assertThat(options.get("hello.cpus")).contains(0.5);
        assertThat(options.get("hello.message")).contains("a = b & <c>");
        assertThat(options.given()).containsOnlyKeys("hello.count", "hello.cpus", "hello.message");
        assertThat(options.givenJson().toString())
                .isEqualTo("{\"hello\":{\"count\":5,\"cpus\":0.5,\"message\":\"a = b & <c>\"}}");
    }

    @Test
    void unknownOptionListsTheKnownOnes() {
        assertThat(refused(Map.of("hello.cont", "5"))).containsExactly("hello.cont: unknown option; " + KNOWN);
        assertThat(refused(Map.of("hello", "5"))).containsExactly("hello: is a group of options, not an option; "
                + "set one of hello.count, hello.cpus, hello.mem, hello.disk, hello.message, hello.sleep");
    }

    @Test
    void outOfRangeValuesNameTheLimit() {
        assertThat(refused(Map.of("hello.count", "0"))).containsExactly("hello.count: 0 is below the minimum 1");
        assertThat(refused(Map.of("hello.count", "21"))).containsExactly("hello.count: 21 is above the maximum 20");
        assertThat(refused(Map.of("hello.cpus", "0"))).containsExactly("hello.cpus: 0.0 is too small; it must be above 0");
        assertThat(refused(Map.of("hello.message", "x".repeat(201))))
                .containsExactly("hello.message: '" + "x".repeat(201) + "' is longer than 200 characters");
    }

    @Test
    void wrongTypesQuoteTheValue() {
        assertThat(refused(Map.of("hello.count", "abc"))).containsExactly("hello.count: 'abc' is not an integer");
        assertThat(refused(Map.of("hello.count", "2.5"))).containsExactly("hello.count: '2.5' is not an integer");
        assertThat(refused(Map.of("hello.cpus", "lots"))).containsExactly("hello.cpus: 'lots' is not a number");
    }

    @Test
    void everyProblemIsReported() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("hello.count", "0");
        overrides.put("hello.mem", "99999");
        assertThat(refused(overrides)).containsExactly("hello.count: 0 is below the minimum 1",
                "hello.mem: 99999 is above the maximum 4096");
    }

    @Test
    void optionsFileIsNestedJsonAndCheckedTheSameWay() throws Exception {
        Options options = Options.resolve(hello, json("{\"hello\": {\"count\": 4, \"message\": \"hi\"}}"),
                Map.of("hello.count", "6"));
        assertThat(options.get("hello.count")).contains(6L);
        assertThat(options.get("hello.message")).contains("hi");

        assertThat(refused(json("{\"hello\": {\"count\": \"4\", \"colour\": 1}, \"other\": true}"), Map.of()))
                .containsExactly("hello.count: '4' is not an integer", "hello.colour: unknown option; " + KNOWN,
                        "other: unknown option; " + KNOWN);
    }

    @Test
    void updateKeepsWhatWasGiven() {
        Options installed = Options.resolve(hello, Map.of("hello.count", "5"));
        Options updated = installed.with(Map.of("hello.message", "bye"));

        assertThat(updated.get("hello.count")).contains(5L);
        assertThat(updated.get("hello.message")).contains("bye");
        assertThatThrownBy(() -> installed.with(Map.of("hello.count", "50")))
                .isInstanceOf(OptionsException.class)
                .hasMessage("invalid options: hello.count: 50 is above the maximum 20");
    }

    @Test
    void assignmentsNeedAnEqualsSign() {
        assertThat(Options.assignments(List.of("a.b=1", "c= x=y ", "a.b=2"))).containsExactly(
                Map.entry("a.b", "2"), Map.entry("c", " x=y "));
        assertThatThrownBy(() -> Options.assignments(List.of("hello.count", "=3")))
                .isInstanceOf(OptionsException.class)
                .satisfies(e -> assertThat(((OptionsException) e).violations()).extracting(Violation::toString)
                        .containsExactly("hello.count: expected KEY=VALUE, such as hello.count=5",
                                "=3: expected KEY=VALUE, such as hello.count=5"));
    }

    @Test
    void describeGivesOneRowPerOption() {
        List<OptionRow> rows = Options.resolve(hello, Map.of("hello.count", "7")).describe();

        assertThat(rows).extracting(OptionRow::key).containsExactly("hello.count", "hello.cpus", "hello.mem",
                "hello.disk", "hello.message", "hello.sleep");
        assertThat(rows.get(0)).isEqualTo(new OptionRow("hello.count", "integer", "3", "1..20",
                "How many hello pods to run, at most one per agent.", "7"));
        assertThat(rows.get(1).allowed()).isEqualTo("> 0, <= 4");
        assertThat(rows.get(4).allowed()).isEqualTo("at most 200 characters");
    }

    @Test
    void otherTypesEnumsPatternsAndRequiredOptions() throws Exception {
        OptionsSchema schema = OptionsSchema.parse(json("""
                {"type": "object", "properties": {
                  "db": {"type": "object", "required": ["password"], "properties": {
                    "tls": {"type": "boolean", "default": false},
                    "mode": {"type": "string", "enum": ["fast", "safe"], "default": "safe"},
                    "zones": {"type": "array", "items": {"type": "string"}, "default": ["a"]},
                    "ports": {"type": "array", "items": {"type": "integer"}},
                    "user": {"type": "string", "pattern": "^[a-z]+$", "default": "admin"},
                    "password": {"type": "string"}
                  }}}}
                """), "test/options.json");

        Options options = Options.resolve(schema, Map.of("db.tls", "TRUE", "db.zones", "a, b", "db.ports", "1,2",
                "db.password", "s3cret"));
        assertThat(options.get("db.tls")).contains(true);
        assertThat(options.get("db.zones")).contains(List.of("a", "b"));
        assertThat(options.get("db.ports")).contains(List.of(1L, 2L));
        assertThat(options.describe()).extracting(OptionRow::allowed).containsExactly("true, false",
                "one of fast, safe", "comma-separated list of string", "comma-separated list of integer",
                "matching ^[a-z]+$", "any");

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("db.tls", "yes");
        bad.put("db.mode", "slow");
        bad.put("db.user", "Bob");
        assertThatThrownBy(() -> Options.resolve(schema, bad))
                .isInstanceOf(OptionsException.class)
                .satisfies(e -> assertThat(((OptionsException) e).violations()).extracting(Violation::toString)
                        .containsExactly(
                                "db.tls: 'yes' is not a boolean; use true or false",
                                "db.mode: 'slow' is not one of fast, safe",
                                "db.password: has no value and no default; set it with --set db.password=VALUE",
                                "db.user: 'Bob' does not match ^[a-z]+$"));
    }

    @Test
    void badSchemasAreRefused() throws Exception {
        assertThatThrownBy(() -> OptionsSchema.parse(json("""
                {"properties": {"a": {"type": "object", "properties": {
                  "b": {"description": "no type"},
                  "c": {"type": "integer", "default": "three"},
                  "d": {"type": "null"}}}}}
                """), "x/options.json"))
                .isInstanceOf(PackageException.class)
                .satisfies(e -> assertThat(((PackageException) e).violations()).extracting(Violation::toString)
                        .containsExactly(
                                "x/options.json: a.b: type is missing; use object, integer, number, boolean, string, array",
                                "x/options.json: a.c: default 'three' is not an integer",
                                "x/options.json: a.d: type 'null' is not supported; use object, integer, number, "
                                        + "boolean, string, array"));
    }
}
