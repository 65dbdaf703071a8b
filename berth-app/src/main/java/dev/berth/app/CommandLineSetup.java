package dev.berth.app;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/**
 * Errors reach users as one line that says what is wrong (the API's message, or which option is
 * bad), not as a stack trace; the exit code is 1 for a failed command, 2 for bad usage.
 */
@ApplicationScoped
public class CommandLineSetup {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("berth: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
    }
}
