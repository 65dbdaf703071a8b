package dev.berth.core.protocol;

import dev.berth.core.spec.ServiceSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration of a service: the package, the options (all values, and those the user gave,
 * so a later update keeps them and takes new defaults for the rest), the spec rendered from them, and
 * its id. The target is the latest; earlier ones stay in the history, and every task knows the id
 * of the configuration it was launched with.
 */
public record ServiceTarget(String id, String packageName, String packageVersion, Map<String, Object> options,
                            Map<String, Object> given, ServiceSpec spec, Instant created) {
    public ServiceTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        options = options == null ? Map.of() : Map.copyOf(options);
        given = given == null ? Map.of() : Map.copyOf(given);
    }
}
