package dev.berth.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The option rules database packages share. */
class OptionRulesTest {
    @Test
    void theHeapMustLeaveTheJvmItsRoomInTheMemory() {
        assertThat(OptionRules.heapFits(Map.of("n.heap", 512L, "n.mem", 768), "n.heap", "n.mem", 512)).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("n.heap");
            assertThat(v.message()).isEqualTo("512 MiB leaves 256 MiB of n.mem 768 MiB besides the heap; the JVM needs 512 MiB"
                    + " besides it: raise n.mem to at least 1024 or lower n.heap");
        });
        assertThat(OptionRules.heapFits(Map.of("n.heap", 512L, "n.mem", 1024L), "n.heap", "n.mem", 512)).isEmpty();
    }

    @Test
    void aDowngradeIsRefusedAndReleasesCompareAsNumbers() {
        assertThat(OptionRules.noDowngrade(Map.of("v", "4.9.1"), Optional.of(Map.of("v", "4.10.0")), "v", "no way back"))
                .hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo("v: 4.9.1 is older than the running 4.10.0; no way back"));
        assertThat(OptionRules.noDowngrade(Map.of("v", "4.10.0"), Optional.of(Map.of("v", "4.9.1")), "v", "")).isEmpty();
        assertThat(OptionRules.noDowngrade(Map.of("v", "4.1.0"), Optional.empty(), "v", "")).isEmpty();
        assertThat(ReleaseVersion.parse("4.1").orElseThrow()).isEqualByComparingTo(ReleaseVersion.parse("4.1.0").orElseThrow());
        assertThat(ReleaseVersion.parse("4.1.0-rc1")).isEmpty();
        assertThat(ReleaseVersion.parse("4..1")).isEmpty();
    }

    @Test
    void aSettingFixedAtInstallCannotChange() {
        assertThat(OptionRules.unchanged(Map.of("dc", "east"), Optional.of(Map.of("dc", "west")), "dc", "nodes keep it"))
                .hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo("dc: 'west' -> 'east': cannot change after install; nodes keep it"));
        assertThat(OptionRules.unchanged(Map.of("dc", "east"), Optional.empty(), "dc", "")).isEmpty();
    }
}
