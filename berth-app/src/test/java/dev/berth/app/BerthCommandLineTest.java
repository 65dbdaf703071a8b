package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BerthCommandLineTest {
    private static CommandLine forArgs(String... args) {
        return BerthCommandLine.forArgs(new CommandLine(new BerthCommand()), args);
    }

    private static CommandLine full() {
        return BerthCommandLine.full(new CommandLine(new BerthCommand()));
    }

    @Test
    void aClientCommandBuildsItsOwnSubcommandOnly() {
        assertThat(forArgs("agents").getSubcommands()).containsOnlyKeys("agents");
        assertThat(forArgs("plan", "show", "hello").getSubcommands()).containsOnlyKeys("plan");
    }

    @Test
    void theTopLevelAndAMistypedNameGetEverySubcommand() {
        int all = BerthCommand.SUBCOMMANDS.size();
        assertThat(forArgs().getSubcommands()).hasSize(all);
        assertThat(forArgs("--help").getSubcommands()).hasSize(all);
        assertThat(forArgs("agnets").getSubcommands()).hasSize(all);
        assertThat(full().getSubcommands().keySet()).startsWith("up", "master", "agent", "leader", "agents");
    }

    @Test
    void aSubcommandReadsTheSameAloneAsAmongAll() {
        for (String name : java.util.List.of("plan", "endpoints", "cassandra", "kafka", "agents")) {
            assertThat(forArgs(name).getSubcommands().get(name).getUsageMessage())
                    .isEqualTo(full().getSubcommands().get(name).getUsageMessage());
        }
    }

    @Test
    void onlyTheCommandsThatRunANodeStartQuarkus() {
        assertThat(ClientLaunch.isClient(new String[] {"up"})).isFalse();
        assertThat(ClientLaunch.isClient(new String[] {"master", "--config", "m.properties"})).isFalse();
        assertThat(ClientLaunch.isClient(new String[] {"agent"})).isFalse();
        assertThat(ClientLaunch.isClient(new String[] {"agents"})).isTrue();
        assertThat(ClientLaunch.isClient(new String[] {"--help"})).isTrue();
        assertThat(ClientLaunch.isClient(new String[0])).isTrue();
    }
}
