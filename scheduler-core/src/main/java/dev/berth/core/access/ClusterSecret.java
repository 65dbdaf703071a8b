package dev.berth.core.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the masters of one cluster share, kept in an owner-only file and never in ZooKeeper: from it
 * come the password of the masters' ZooKeeper digest identity (so no other ZooKeeper client reads or
 * changes Berth's znodes) and the key that encrypts services' secrets in the state store. Each is an
 * HMAC-SHA256 of the secret with its own label, so one cannot be had from the other.
 */
public final class ClusterSecret {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] secret;

    private ClusterSecret(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The secret in {@code file}; a file that others may read, or one too short, is refused. */
    public static ClusterSecret read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("cluster secret: no file at " + file
                        + "; make one with 'berth credentials cluster-secret --out " + file + "'");
            }
            OwnerOnlyFiles.requireOwnerOnly(file, "cluster secret");
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file).trim());
            if (bytes.length < 32) {
                throw new IllegalArgumentException("cluster secret: " + file + " holds " + bytes.length
                        + " bytes; expected at least 32 (base64)");
            }
            return new ClusterSecret(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster secret " + file, e);
        }
    }

    /** The secret in {@code file}, made (32 random bytes, owner-only) when there is none yet. */
    public static ClusterSecret readOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        return read(file);
    }

    /** Writes a new secret to {@code file}, owner-only, atomically. */
    public static void create(Path file) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        try {
            OwnerOnlyFiles.write(file, (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster secret " + file, e);
        }
    }

    /** The password of the masters' ZooKeeper digest identity {@code berth}. */
    public String zooKeeperPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(derive("berth zookeeper digest"));
    }

    /** The cipher of services' secrets in the state store. */
    public SecretCipher secretsCipher() {
        return new SecretCipher(derive("berth secrets at rest"));
    }

    private byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
