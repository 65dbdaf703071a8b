package dev.berth.core.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the audit log (category {@code berth.audit}: every mutating request and every denial) in a file of
 * its own as well as in the master's log: one line each, time first, owner-only, appended across restarts.
 */
final class AuditLogFile {
    private AuditLogFile() {
    }

    static void writeTo(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            FileHandler handler = new FileHandler(file.toString(), true);
            handler.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord r) {
                    return Instant.ofEpochMilli(r.getMillis()) + " " + formatMessage(r) + System.lineSeparator();
                }
            });
            Logger.getLogger("berth.audit").addHandler(handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }
}
