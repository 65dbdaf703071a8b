package dev.berth.core.runtime;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} of the commands that run a node ({@code berth master}, {@code agent}, {@code up}). The
 * application reads the file before the command parses its arguments: each key is one of the command's long
 * options without its dashes ({@code zk = zk1:2181/berth}), and an option given on the command line wins over
 * the file. The command itself has nothing left to do with it.
 */
public class ConfigFileOption {
    public static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE", description = "read this command's options from a properties file:"
            + " each key an option's name without the dashes (zk = zk1:2181/berth, agent-timeout = 15);"
            + " options on the command line win")
    Path config;
}
