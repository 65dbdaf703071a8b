package dev.berth.core.protocol;

import java.util.Map;
import java.util.TreeMap;

/** What a task runs: a shell command ({@code sh -c}) with its environment. */
public record CommandInfo(String shell, Map<String, String> environment) {
    public CommandInfo {
        if (shell == null || shell.isBlank()) {
            throw new IllegalArgumentException("command: a task needs a shell command to run");
        }
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
    }

    public static CommandInfo of(String shell) {
        return new CommandInfo(shell, Map.of());
    }
}
