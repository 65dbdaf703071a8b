package dev.berth.core.protocol;

/**
 * A volume a task uses: which persistent volume (by persistence id and role) and where the task sees
 * it, relative to its sandbox.
 */
public record VolumeMount(String persistenceId, String role, String containerPath, boolean readOnly) {
}
