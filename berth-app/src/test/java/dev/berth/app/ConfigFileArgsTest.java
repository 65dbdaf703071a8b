package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --config FILE}: the file's options as arguments, the command line winning, bad keys refused. */
class ConfigFileArgsTest {
    final CommandLine berth = BerthCommandLine.full(new CommandLine(new BerthCommand()));

    @TempDir
    Path dir;

    @AfterEach
    void clearListenAddress() {
        System.clearProperty("quarkus.http.host");
        System.clearProperty("quarkus.http.port");
    }

    @Test
    void theFilesOptionsComeAfterTheSubcommandAndTheCommandLineWins() throws Exception {
        Path file = write("master.properties", """
                # a master of the production cluster
                zk = zk1:2181,zk2:2181,zk3:2181/berth
                agent-timeout = 15
                cluster-secret = /etc/berth/cluster.secret
                """);

        String[] args = ConfigFileArgs.expand(berth, new String[] {"master", "--config", file.toString(), "--agent-timeout", "5"});

        assertThat(args).containsExactly("master", "--cluster-secret=/etc/berth/cluster.secret",
                "--zk=zk1:2181,zk2:2181,zk3:2181/berth", "--config", file.toString(), "--agent-timeout", "5");
        CommandLine.ParseResult parsed = berth.parseArgs(args);
        CommandLine.ParseResult master = parsed.subcommand();
        assertThat(master.matchedOptionValue("--zk", "")).isEqualTo("zk1:2181,zk2:2181,zk3:2181/berth");
        assertThat(master.matchedOptionValue("--agent-timeout", 0L)).isEqualTo(5L);
    }

    @Test
    void aKeyThatIsNotAnOptionOfTheCommandIsRefusedWithTheOnesItHas() throws Exception {
        Path file = write("agent.properties", "master = http://10.0.0.1:8080\nzone = a\n");

        assertThatThrownBy(() -> ConfigFileArgs.expand(berth, new String[] {"agent", "--config", file.toString()}))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'zone' is not an option of 'berth agent'")
                .hasMessageContaining("its options are artifact-cache, attributes, cpu-limit, credentials");
    }

    @Test
    void anotherCommandsOwnConfigOptionIsLeftAlone() {
        String[] topic = {"kafka", "topic", "create", "kafka", "numbers", "--config", "min.insync.replicas=2"};

        assertThat(ConfigFileArgs.expand(berth, topic)).containsExactly(topic);
        ListenAddress.apply(topic);
        assertThat(System.getProperty("quarkus.http.host")).isNull();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigFileArgs.expand(berth, new String[] {"agent", "--config=" + missing}))
                .hasMessage("--config: " + missing + " does not exist");
    }

    @Test
    void theListenAddressComesFromTheCommandLineOrElseTheFile() throws Exception {
        Path file = write("master.properties", "http-host = 10.0.0.7\nhttp-port = 8081\n");

        ListenAddress.apply(new String[] {"master", "--config", file.toString(), "--http-port=9090"});

        assertThat(System.getProperty("quarkus.http.host")).isEqualTo("10.0.0.7");
        assertThat(System.getProperty("quarkus.http.port")).isEqualTo("9090");
        assertThatThrownBy(() -> ListenAddress.apply(new String[] {"master", "--http-port", "80000"}))
                .hasMessage("--http-port: '80000' is not a port; 1 to 65535");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
