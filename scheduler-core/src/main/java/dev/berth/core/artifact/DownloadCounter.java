package dev.berth.core.artifact;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.jboss.logging.Logger;

/**
 * Counts what one {@link ArtifactCache#resolve} call fetched from remote repositories, so that
 * logs and tests can state "resolved 0 new artifacts" instead of guessing from timings.
 *
 * <p>One instance per call (each call has its own resolver session), hence no need to tell
 * concurrent calls apart. Thread-safe: the connector downloads in parallel. Checksum files are
 * fetched by the connector without transfer events, so they are not counted.
 */
final class DownloadCounter extends AbstractTransferListener {

    private static final Logger LOG = Logger.getLogger(DownloadCounter.class);

    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() != TransferEvent.RequestType.GET) {
            return;
        }
        files.incrementAndGet();
        bytes.addAndGet(event.getTransferredBytes());
        LOG.debugf("downloaded %s%s (%d bytes)",
                event.getResource().getRepositoryUrl(), event.getResource().getResourceName(),
                event.getTransferredBytes());
    }

    @Override
    public void transferCorrupted(TransferEvent event) {
        LOG.warnf("checksum mismatch downloading %s%s: %s",
                event.getResource().getRepositoryUrl(), event.getResource().getResourceName(),
                event.getException() == null ? "?" : event.getException().getMessage());
    }

    /** Files (artifacts, POMs, metadata) downloaded so far. */
    int files() {
        return files.get();
    }

    /** Bytes downloaded so far. */
    long bytes() {
        return bytes.get();
    }
}
