package dev.berth.core.runtime;

import dev.berth.reservations.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The resources each agent of {@code berth up} declares, kept in {@code berth-data/agents/agent-N/resources}.
 * The first start decides them (an equal share of the machine, or {@code --agent-resources}); every later
 * start reuses them unless it is given {@code --agent-resources} itself, so a restart registers the same
 * agents again and their services resume. Derived
 * anew, the share would change with the disk that happens to be free, and a shrink under what the agent's
 * services reserved would be refused by the master.
 */
final class UpAgentResources {
    static final String FILE = "resources";

    private UpAgentResources() {
    }

    /**
     * The resources of the agent whose work directory is {@code agentDir}: {@code given} when the user gave
     * them for this start; else those kept from the first start; else {@code firstShare}, kept for the next.
     */
    static Resources of(Path agentDir, Optional<Resources> given, Resources firstShare) throws IOException {
        Path file = agentDir.resolve(FILE);
        boolean kept = Files.exists(file);
        if (given.isPresent()) {
            if (!kept) {
                write(file, given.get());
            }
            return given.get();
        }
        if (kept) {
            return Resources.parse(Files.readString(file).strip());
        }
        write(file, firstShare);
        return firstShare;
    }

    private static void write(Path file, Resources resources) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, resources + "\n");
    }
}
