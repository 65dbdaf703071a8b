package dev.berth.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.access.Credentials;
import dev.berth.core.client.NotFoundException;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.core.testing.ApiSamples;
import dev.berth.core.testing.FakeMaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Service commands through the typed client: what they ask the master, and what they print. */
class ServiceCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;
    private FakeMaster master;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void start() throws IOException {
        master = FakeMaster.start();
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(stdout);
        master.close();
    }

    /** Parses {@code args} as {@code berth COMMAND args --master URL} and runs the (sub)command; answers what it printed. */
    private String run(Object command, String... args) throws Exception {
        java.nio.file.Path credentials = dir.resolve("credentials");
        new Credentials("admin", "berth_test", List.of()).write(credentials);
        String[] withMaster = Stream.concat(Arrays.stream(args), Stream.of("--master", master.url(),
                "--credentials", credentials.toString())).toArray(String[]::new);
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(withMaster);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        ((Callable<?>) parsed.commandSpec().userObject()).call();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void podInfoPrintsTheDocumentTheMasterWrote() throws Exception {
        String written = ApiSamples.json(ApiSamples.podInfo());
        master.answering(200, written);

        String printed = run(new PodCommand(), "info", "hello", "hello-0");

        assertThat(printed).isEqualTo(BerthJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(BerthJson.mapper().readTree(written)) + System.lineSeparator());
        assertThat(printed).contains("\"killGracePeriod\" : 30.0", "\"interval\" : 5.0");
        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/hello/pods/hello-0/info");
    }

    @Test
    void planActionSendsPhaseAndStepAndPrintsThePlanTree() throws Exception {
        master.answering(200, ApiSamples.json(new ServiceViews.PlanView("deploy", "COMPLETE", false, List.of(
                new ServiceViews.PhaseView("hello phase", "COMPLETE", "SERIAL", List.of(
                        new ServiceViews.StepView("hello-0", "hello-0", "COMPLETE", "forced", Instant.EPOCH)))))));

        String printed = run(new PlanCommand(), "force-complete", "hello", "deploy", "--phase", "hello phase",
                "--step", "hello-0");

        assertThat(master.lastRequest().method()).isEqualTo("POST");
        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/hello/plans/deploy/force-complete");
        assertThat(master.lastRequest().rawQuery()).isEqualTo("phase=hello%20phase&step=hello-0");
        assertThat(printed).isEqualTo("""
                deploy COMPLETE
                └─ hello phase (serial) COMPLETE
                   └─ hello-0 COMPLETE
                """);
    }

    @Test
    void podRestartPrintsWhatTheMasterStartedAsTextOrJson() throws Exception {
        master.answering(200, """
                {"message":"restarting hello-1 in place; see the recovery plan"}""");

        assertThat(run(new PodCommand(), "restart", "hello", "hello-1"))
                .isEqualTo("restarting hello-1 in place; see the recovery plan" + System.lineSeparator());
        out.reset();
        assertThat(run(new PodCommand(), "restart", "hello", "hello-1", "-o", "json"))
                .isEqualTo("{\"message\":\"restarting hello-1 in place; see the recovery plan\"}" + System.lineSeparator());
        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/hello/pods/hello-1/restart");
    }

    @Test
    void endpointsPrintATableOfEachEndpointsAddresses() throws Exception {
        master.answering(200, """
                {"broker":["127.0.0.2:31000","127.0.0.3:31000"],"controller":["127.0.0.2:31001"]}""");

        assertThat(run(new ServiceCommands.EndpointsCmd(), "my kafka")).isEqualTo("""
                ENDPOINT    ADDRESSES
                broker      127.0.0.2:31000,127.0.0.3:31000
                controller  127.0.0.2:31001
                """);
        assertThat(master.lastRequest().rawPath()).isEqualTo("/v1/services/my%20kafka/endpoints");
    }

    @Test
    void aRefusalReachesTheUserWithTheMastersMessage() throws IOException {
        master.answering(404, """
                {"message":"service hello has no plan 'nope'; plans: [deploy]"}""");

        assertThatThrownBy(() -> run(new PlanCommand(), "show", "hello", "nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service hello has no plan 'nope'; plans: [deploy]");
    }
}
