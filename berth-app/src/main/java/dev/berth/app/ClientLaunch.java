package dev.berth.app;

import java.util.Set;
import picocli.CommandLine;

/**
 * Client commands (everything but {@code up}, {@code master} and {@code agent}) run without starting Quarkus:
 * they only call the master's HTTP API and need none of the server's CDI beans, HTTP server, messaging or
 * metrics, whose start-up took seconds of a command that answers in milliseconds. The command classes and
 * their options are the same ones the servers' run has, built by picocli's own factory instead of CDI.
 */
final class ClientLaunch {
    /** The commands that run a node, and so need the application's container. */
    static final Set<String> NODE_COMMANDS = Set.of("up", "master", "agent");

    private ClientLaunch() {
    }

    /** Whether {@code args} name a client command (or ask for help or the version), which runs without Quarkus. */
    static boolean isClient(String[] args) {
        return args.length == 0 || !NODE_COMMANDS.contains(args[0]);
    }

    /** Runs a client command: its exit code. */
    static int run(String[] args) {
        ClientLogging.quiet();
        return BerthCommandLine.execute(BerthCommandLine.forArgs(new CommandLine(new BerthCommand()), args), args);
    }
}
