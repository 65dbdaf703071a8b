package dev.berth.core.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Re-checks a cached file against the checksum file stored next to it ({@code x.jar.sha1}).
 *
 * <p>Why: Maven Resolver verifies checksums only while downloading (policy {@code fail}); once a
 * file sits in the local repository it is trusted as is. A cache shared by many agents for months
 * can get a truncated or overwritten jar (disk trouble, a killed copy, a human). The connector
 * persists the checksum it verified the download against next to the file, so comparing the file
 * with that sidecar tells whether the file is still what was verified.
 *
 * <p>Files without a sidecar (e.g. installed into a read-only local repository by
 * {@code mvn install}) cannot be re-checked and are accepted.
 */
final class SidecarChecksum {

    /** Strongest first; Central always publishes sha1, newer artifacts also sha256/sha512. */
    private static final List<Algorithm> ALGORITHMS = List.of(
            new Algorithm("SHA-512", ".sha512", 128),
            new Algorithm("SHA-256", ".sha256", 64),
            new Algorithm("SHA-1", ".sha1", 40),
            new Algorithm("MD5", ".md5", 32));

    private SidecarChecksum() {
    }

    /**
     * Why {@code file} does not match its sidecar checksum, or empty when it matches or there is
     * no usable sidecar.
     */
    static Optional<String> mismatch(Path file) throws IOException {
        for (Algorithm algorithm : ALGORITHMS) {
            Path sidecar = file.resolveSibling(file.getFileName() + algorithm.suffix());
            if (!Files.isRegularFile(sidecar)) {
                continue;
            }
            Optional<String> expected = read(sidecar, algorithm);
            if (expected.isEmpty()) {
                continue;
            }
            String actual = digest(file, algorithm);
            if (actual.equals(expected.get())) {
                return Optional.empty();
            }
            return Optional.of(algorithm.name() + " of " + file + " is " + actual + " but "
                    + sidecar.getFileName() + " (verified at download) says " + expected.get());
        }
        return Optional.empty();
    }

    /** The hex digest in a sidecar: its first token, when it has the algorithm's length. */
    private static Optional<String> read(Path sidecar, Algorithm algorithm) throws IOException {
        String text = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String token = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (token.length() != algorithm.hexLength() || !token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private static String digest(Path file, Algorithm algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm.name());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm.name(), e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Algorithm(String name, String suffix, int hexLength) {
    }
}
