package dev.berth.app;

import dev.berth.core.runtime.ServerCommand;
import java.util.Optional;
import java.util.Set;

/**
 * The API's address of {@code berth master} and {@code berth up}, from {@code --http-host}/{@code --http-port}
 * on the command line or {@code http-host}/{@code http-port} in the config file, set as Quarkus's
 * {@code quarkus.http.host}/{@code .port} before Quarkus starts: the HTTP server listens before any command
 * runs. What is not given keeps Quarkus's own configuration (application.properties, -D, the launcher's
 * BERTH_HTTP_HOST/BERTH_HTTP_PORT).
 */
final class ListenAddress {
    private static final Set<String> SERVERS = Set.of("master", "up");

    private ListenAddress() {
    }

    static void apply(String[] args) {
        if (args.length == 0 || !SERVERS.contains(args[0])) {
            return;
        }
        Optional<ConfigFile> file = ConfigFile.named(args);
        ConfigFile.setting(args, file, ServerCommand.HTTP_HOST).ifPresent(host -> {
            if (host.isBlank()) {
                throw new IllegalArgumentException(ServerCommand.HTTP_HOST + ": an address is needed, e.g. 10.0.0.1 or 0.0.0.0");
            }
            System.setProperty("quarkus.http.host", host);
        });
        ConfigFile.setting(args, file, ServerCommand.HTTP_PORT).ifPresent(port -> {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(ServerCommand.HTTP_PORT + ": '" + port + "' is not a port; 1 to 65535");
            }
            System.setProperty("quarkus.http.port", port);
        });
    }
}
