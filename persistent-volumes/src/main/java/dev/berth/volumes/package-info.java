/**
 * Persistent volumes: disk that outlives the task using it, so that a database node that restarts,
 * is upgraded or is moved back onto its reservation comes back to its own data.
 *
 * <p>Three layers, each with one job:
 * <ul>
 *   <li>the <b>model</b> — {@link dev.berth.volumes.PersistenceId}, {@link dev.berth.volumes.ContainerPath},
 *       {@link dev.berth.volumes.VolumeMode} and {@link dev.berth.volumes.Volume} — validated immutable values;</li>
 *   <li>the <b>bookkeeping</b> — {@link dev.berth.volumes.VolumeLedger} — CREATE and DESTROY on one
 *       agent, on top of the {@link dev.berth.reservations.AgentLedger}: a volume is a
 *       {@link dev.berth.reservations.Claim} on reserved disk, so while it exists its reservation
 *       cannot be undone, and destroying it gives the disk back to that reservation;</li>
 *   <li>the <b>agent-side store</b> — {@link dev.berth.volumes.VolumeStore} — the directories on disk,
 *       found again after an agent restart by scanning, measured, and removed without ever
 *       following a symbolic link out of the volume.</li>
 * </ul>
 * The master uses the first two (pure, no I/O); the agent uses the store.
 */
package dev.berth.volumes;
