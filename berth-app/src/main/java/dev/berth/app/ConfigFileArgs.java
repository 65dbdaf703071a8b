package dev.berth.app;

import dev.berth.core.runtime.ConfigFileOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns {@code --config FILE} into arguments: each entry of the file becomes {@code --KEY=VALUE} right after
 * the subcommand, unless the command line gives that option itself (the command line wins). A key that is
 * not an option of the subcommand is refused with the options it has, before anything runs.
 */
final class ConfigFileArgs {
    private ConfigFileArgs() {
    }

    static String[] expand(CommandLine top, String[] args) {
        if (args.length == 0) {
            return args;
        }
        CommandLine sub = top.getSubcommands().get(args[0]);
        if (sub == null || !readsConfigFile(sub)) {
            return args; // another command's own --config (kafka topic create --config k=v) is its business
        }
        Optional<ConfigFile> file = ConfigFile.named(args);
        if (file.isEmpty()) {
            return args;
        }
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String> e : file.get().entries().entrySet()) {
            String name = "--" + e.getKey();
            OptionSpec option = sub.getCommandSpec().findOption(name);
            if (option == null || name.equals(ConfigFileOption.NAME) || !option.longestName().equals(name)) {
                throw new IllegalArgumentException(String.format("%s: %s: '%s' is not an option of 'berth %s'; its"
                        + " options are %s", ConfigFileOption.NAME, file.get().path(), e.getKey(), args[0], names(sub)));
            }
            if (given(args, option)) {
                continue;
            }
            if (option.arity().max() == 0) { // a flag: true sets it, false leaves it out
                if (!e.getValue().equals("true") && !e.getValue().equals("false")) {
                    throw new IllegalArgumentException(String.format("%s: %s: '%s' is a flag; its value must be true"
                            + " or false, not '%s'", ConfigFileOption.NAME, file.get().path(), e.getKey(), e.getValue()));
                }
                if (e.getValue().equals("true")) {
                    added.add(name);
                }
                continue;
            }
            added.add(name + "=" + e.getValue()); // one token: a value that starts with '-' stays a value
        }
        List<String> all = new ArrayList<>();
        all.add(args[0]);
        all.addAll(added);
        all.addAll(Arrays.asList(args).subList(1, args.length));
        return all.toArray(String[]::new);
    }

    /** Whether the command is one that runs a node and takes {@code --config FILE} ({@link ConfigFileOption}). */
    static boolean readsConfigFile(CommandLine command) {
        return command.getCommandSpec().mixins().values().stream().anyMatch(m -> m.userObject() instanceof ConfigFileOption);
    }

    private static boolean given(String[] args, OptionSpec option) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            for (String n : option.names()) {
                if (arg.equals(n) || arg.startsWith(n + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The keys a config file of the command may hold. */
    private static String names(CommandLine sub) {
        return String.join(", ", sub.getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(n -> n.startsWith("--") && !n.equals(ConfigFileOption.NAME)
                        && !n.equals("--help") && !n.equals("--version"))
                .map(n -> n.substring(2)).sorted().toList());
    }
}
