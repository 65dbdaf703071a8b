package dev.berth.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The entry point of the {@code berth} binary. Client commands run at once, without Quarkus ({@link ClientLaunch}).
 * For the commands that run a node, before Quarkus starts it sets the API's listen address and where
 * events are exported from the command line or the config file ({@link ListenAddress}, {@link EventExportSettings}); then it puts the config file's options into the
 * arguments ({@link ConfigFileArgs}) and runs the command.
 */
@QuarkusMain
public class BerthMain implements QuarkusApplication {
    @Inject
    CommandLine commandLine;

    public static void main(String... args) throws java.io.IOException {
        if (CdsTraining.requested()) {
            CdsTraining.run();
            System.exit(0);
        }
        if (ClientLaunch.isClient(args)) {
            System.exit(ClientLaunch.run(args));
        }
        try {
            ListenAddress.apply(args);
            EventExportSettings.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println("berth: " + e.getMessage());
            System.exit(2);
        }
        Quarkus.run(BerthMain.class, args);
    }

    @Override
    public int run(String... args) {
        return BerthCommandLine.execute(commandLine, args);
    }
}
