package dev.berth.volumes;

import java.util.Locale;

/**
 * How a task sees a volume. A database node writes its data ({@link #RW}); a sidecar that only reads
 * (a backup uploader, a log shipper) gets {@link #RO} so that it cannot damage what it reads.
 */
public enum VolumeMode {
    /** Read and write. */
    RW,
    /** Read only. */
    RO;

    /** {@code rw} or {@code ro}, as written in messages and service specs. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
