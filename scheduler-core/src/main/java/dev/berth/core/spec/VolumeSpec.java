package dev.berth.core.spec;

import java.util.Objects;

/**
 * A persistent volume of each pod instance: where its tasks see it (relative to the sandbox), its
 * size in MiB, and its disk type: ROOT (the agent's work dir) or MOUNT (a whole mounted disk).
 */
public record VolumeSpec(String path, long sizeMib, String type) {
    public VolumeSpec {
        Objects.requireNonNull(path, "path");
        type = type == null || type.isBlank() ? "ROOT" : type;
    }
}
