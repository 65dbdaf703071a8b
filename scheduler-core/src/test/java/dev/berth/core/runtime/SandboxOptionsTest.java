package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.agent.SandboxLimits;
import dev.berth.core.master.TaskRetention;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The agent's sandbox options and the master's retention, as an operator writes them. */
class SandboxOptionsTest {
    static SandboxOptions parse(String... args) {
        SandboxOptions o = new SandboxOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    static MasterOptions parseMaster(String... args) {
        MasterOptions o = new MasterOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void defaultsAreAWeekNinetyPercentTenMibAndFiveFiles() {
        assertThat(parse().limits()).isEqualTo(SandboxLimits.DEFAULTS)
                .isEqualTo(new SandboxLimits(Duration.ofDays(7), 0.9, 10 << 20, 5));
        assertThat(parseMaster().taskRetention()).isEqualTo(new TaskRetention(Duration.ofHours(1), 100));
    }

    @Test
    void valuesWithUnits() {
        assertThat(parse("--sandbox-gc-delay", "12h", "--sandbox-disk-watermark", "0.75", "--task-log-max-size", "512KiB",
                "--task-log-max-files", "0").limits()).isEqualTo(new SandboxLimits(Duration.ofHours(12), 0.75, 512 << 10, 0));
        assertThat(parseMaster("--completed-task-retention", "30m", "--max-completed-tasks-per-framework", "5")
                .taskRetention()).isEqualTo(new TaskRetention(Duration.ofMinutes(30), 5));
    }

    @Test
    void badValuesAreRefusedNamingTheOptionTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse("--sandbox-gc-delay", "7 days").limits())
                .hasMessage("--sandbox-gc-delay: '7 days' is not valid; expected a whole number with a unit ms, s, m, h,"
                        + " d or w, such as 7d or 30m");
        assertThatThrownBy(() -> parse("--sandbox-disk-watermark", "90%").limits())
                .hasMessage("--sandbox-disk-watermark: '90%' is not valid; expected a fraction above 0 and at most 1,"
                        + " such as 0.9");
        assertThatThrownBy(() -> parse("--sandbox-disk-watermark", "1.5").limits())
                .hasMessageStartingWith("--sandbox-disk-watermark: '1.5' is not valid");
        assertThatThrownBy(() -> parse("--task-log-max-size", "10MB").limits())
                .hasMessage("--task-log-max-size: '10MB' is not valid; expected a size of at least 1024 bytes with a"
                        + " unit B, KiB, MiB or GiB, such as 10MiB");
        assertThatThrownBy(() -> parse("--task-log-max-size", "999999999999GiB").limits())
                .hasMessageStartingWith("--task-log-max-size: '999999999999GiB' is not valid");
        assertThatThrownBy(() -> parse("--task-log-max-size", "100").limits())
                .hasMessageStartingWith("--task-log-max-size: '100' is not valid");
        assertThatThrownBy(() -> parse("--task-log-max-files", "-1").limits())
                .hasMessage("--task-log-max-files: '-1' is not valid; expected a whole number from 0 to 100");
        assertThatThrownBy(() -> parseMaster("--completed-task-retention", "forever").taskRetention())
                .hasMessageStartingWith("--completed-task-retention: 'forever' is not valid; expected a whole number");
        assertThatThrownBy(() -> parseMaster("--max-completed-tasks-per-framework", "lots").taskRetention())
                .hasMessage("--max-completed-tasks-per-framework: 'lots' is not valid; expected a whole number from 0"
                        + " to 1000000");
    }
}
