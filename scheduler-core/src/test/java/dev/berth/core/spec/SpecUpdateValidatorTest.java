package dev.berth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecUpdateValidatorTest {
    private static final String BASE = """
            name: hello
            pods:
              hello:
                count: 3
                allow-decommission: false
                placement: [{unique: agent}]
                volumes:
                  - {path: data, size: 16, type: ROOT}
                tasks:
                  server: {cmd: run, cpus: 0.1, memory: 32}
            """;

    private static ServiceSpec spec(String yaml) {
        return SpecParser.parse(yaml, Map.of());
    }

    private static java.util.List<String> violations(String proposed) {
        return SpecUpdateValidator.violations(spec(BASE), spec(proposed)).stream().map(Violation::toString).toList();
    }

    @Test
    void changesThatRollAreAllowed() {
        assertThat(violations(BASE.replace("cpus: 0.1", "cpus: 0.5").replace("cmd: run", "cmd: run2")
                .replace("count: 3", "count: 5"))).isEmpty();
        assertThat(violations(BASE + """
                  extra:
                    count: 1
                    volumes: [{path: data, size: 8}]
                    tasks:
                      t: {cmd: x, cpus: 1, memory: 1}
                """)).isEmpty();
    }

    @Test
    void volumeSizeChangeIsRefused() {
        assertThat(violations(BASE.replace("size: 16", "size: 32"))).containsExactly(
                "pods.hello.volumes.data: size 16 MiB -> 32 MiB; volumes cannot change once created");
    }

    @Test
    void volumePathAndTypeChangeAreRefused() {
        assertThat(violations(BASE.replace("path: data, size: 16, type: ROOT", "path: data2, size: 16, type: MOUNT")))
                .containsExactly("pods.hello.volumes.data: path data -> data2, type ROOT -> MOUNT; "
                        + "volumes cannot change once created");
    }

    @Test
    void volumeAddedOrRemovedIsRefused() {
        assertThat(violations(BASE.replace("      - {path: data, size: 16, type: ROOT}\n",
                "      - {path: data, size: 16, type: ROOT}\n      - {path: logs, size: 4}\n"))).containsExactly(
                "pods.hello.volumes.logs: added; volumes cannot change once created");
        assertThat(violations(BASE.replace("    volumes:\n      - {path: data, size: 16, type: ROOT}\n", "")))
                .containsExactly(
                "pods.hello.volumes.data: removed; volumes cannot change once created");
    }

    @Test
    void scaleDownNeedsDecommission() {
        assertThat(violations(BASE.replace("count: 3", "count: 2"))).containsExactly(
                "pods.hello.count: 3 -> 2; scale-down needs decommission, which this pod does not support");
        assertThat(violations(BASE.replace("count: 3", "count: 2")
                .replace("allow-decommission: false", "allow-decommission: true"))).isEmpty();
    }

    @Test
    void placementChangeIsRefused() {
        assertThat(violations(BASE.replace("[{unique: agent}]", "[{unique: agent}, {spread: zone}]"))).containsExactly(
                "pods.hello.placement: changed; it would move existing instances");
    }

    @Test
    void podRemovalIsRefused() {
        String two = BASE + """
                  other:
                    count: 1
                    tasks:
                      t: {cmd: x, cpus: 1, memory: 1}
                """;
        assertThat(SpecUpdateValidator.violations(spec(two), spec(BASE))).extracting(Violation::toString).containsExactly(
                "pods.other: removed; removing a pod needs decommission, which this pod does not support");
    }

    @Test
    void nameAndRoleChangesAreRefusedAndAllViolationsReported() {
        String proposed = BASE.replace("name: hello", "name: hola\nrole: other/hola")
                .replace("size: 16", "size: 32").replace("count: 3", "count: 1");

        assertThat(violations(proposed)).containsExactly(
                "name: 'hello' -> 'hola'; a service cannot be renamed; install a new one",
                "role: 'berth/hello' -> 'other/hola'; the role cannot change; reservations are held for it",
                "principal: 'service:hello' -> 'service:hola'; the principal cannot change; reservations are held under it",
                "pods.hello.count: 3 -> 1; scale-down needs decommission, which this pod does not support",
                "pods.hello.volumes.data: size 16 MiB -> 32 MiB; volumes cannot change once created");
        assertThatThrownBy(() -> SpecUpdateValidator.check(spec(BASE), spec(proposed)))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("update of 'hello' refused (5 problems):");
    }
}
