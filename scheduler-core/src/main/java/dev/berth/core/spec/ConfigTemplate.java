package dev.berth.core.spec;

import java.util.Objects;

/**
 * A config file of a task: a Mustache template (from the package) rendered when the task is launched,
 * with the options, the pod index, the agent's IP and attributes, the ports assigned and the
 * endpoints of the pods before it; the result is written to {@code dest} inside the sandbox.
 */
public record ConfigTemplate(String name, String template, String dest) {
    public ConfigTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(dest, "dest");
    }
}
