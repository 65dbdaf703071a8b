package dev.berth.app;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line of the nodes' run inside Quarkus: their commands are beans (they inject the master's parts). */
@ApplicationScoped
public class CommandLineSetup {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return BerthCommandLine.full(factory.create());
    }
}
