package dev.berth.app;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one set-up of the {@code berth} command line, for both ways it runs (inside Quarkus for the nodes, plain
 * for client commands): errors reach users as one line that says what is wrong (the API's message, or which
 * option is bad), not as a stack trace; the exit code is 1 for a failed command, 2 for bad usage.
 */
final class BerthCommandLine {
    private BerthCommandLine() {
    }

    /** {@code top} with every subcommand (made by its factory): what usage lists and the nodes run. */
    static CommandLine full(CommandLine top) {
        BerthCommand.SUBCOMMANDS.forEach(top::addSubcommand);
        return configure(top);
    }

    /**
     * {@code berth} for running {@code args}: with only the subcommand {@code args} name when they name one (its
     * usage, errors and run are the same as in the full command line), else with all of them (for the top
     * level's usage, version, and the suggestions for a mistyped name).
     */
    static CommandLine forArgs(CommandLine top, String[] args) {
        List<Class<?>> named = args.length == 0 ? List.of()
                : BerthCommand.SUBCOMMANDS.stream().filter(c -> names(c).contains(args[0])).toList();
        if (named.isEmpty()) {
            return full(top);
        }
        top.addSubcommand(named.get(0));
        return configure(top);
    }

    /** Expands the config file's options into the arguments and runs the command: its exit code. */
    static int execute(CommandLine commandLine, String[] args) {
        String[] expanded;
        try {
            expanded = ConfigFileArgs.expand(commandLine, args);
        } catch (IllegalArgumentException e) {
            commandLine.getErr().println("berth: " + e.getMessage());
            return 2;
        }
        return commandLine.execute(expanded);
    }

    /** A subcommand's name and aliases, read from its annotation without building its model. */
    static List<String> names(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(command.name()),
                Arrays.stream(command.aliases())).toList();
    }

    private static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // a file system error's message is only the path: its kind (access denied, no such file) says what went wrong
            cmd.getErr().println("berth: " + (e.getMessage() == null || e instanceof java.nio.file.FileSystemException
                    ? e.toString() : e.getMessage()));
            return 1;
        });
    }
}
