package dev.berth.app;

import dev.berth.core.runtime.ConfigFileOption;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The properties file of {@code --config FILE}: option names (long, without dashes) to values, e.g.
 * {@code zk = zk1:2181,zk2:2181,zk3:2181/berth}. Read with {@link Properties}, so {@code #} starts a comment
 * and a line may be continued with a backslash.
 */
record ConfigFile(Path path, Map<String, String> entries) {

    /** The file named by {@code --config} on the command line, read; empty when there is none. */
    static Optional<ConfigFile> named(String[] args) {
        return optionValue(args, ConfigFileOption.NAME).map(f -> read(Path.of(f)));
    }

    static ConfigFile read(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(ConfigFileOption.NAME + ": " + path + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(ConfigFileOption.NAME + ": " + path + " cannot be read: " + e.getMessage());
        }
        Map<String, String> entries = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> entries.put(k.trim(), p.getProperty(k).trim()));
        return new ConfigFile(path, entries);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * The value of option {@code name} on the command line ({@code --name VALUE} or {@code --name=VALUE}),
     * before any {@code --} that ends the options.
     */
    static Optional<String> optionValue(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(name) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(name + "=")) {
                return Optional.of(args[i].substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** Option {@code option} ({@code --name}) from the command line, else as {@code name} from the config file. */
    static Optional<String> setting(String[] args, Optional<ConfigFile> file, String option) {
        return optionValue(args, option).or(() -> file.flatMap(f -> f.get(option.substring(2))));
    }
}
