package dev.berth.core.runtime;

import dev.berth.core.api.MasterHolder;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Mixin;

/** What the commands that serve the API ({@code berth master}, {@code berth up}) share. */
abstract class ServerCommand {
    @Mixin
    MasterOptions masterOptions;

    @Inject
    MasterHolder holder;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    /** The API URL this process listens on. */
    String listenUrl() {
        return "http://" + host + ":" + port;
    }
}
