package dev.berth.core.sdk.hooks;

import dev.berth.core.pkg.SecretSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's secrets (name to value), as its state store keeps them. Its {@link #toString()} names
 * them only, so a secret never reaches a log line through a record or a message that holds it.
 */
public final class Secrets {
    public static final Secrets NONE = new Secrets(Map.of());
    /**
     * Letters and digits only: a value must go into cassandra.yaml, a JMX password file, a CQL string
     * literal or a shell word as it is. 24 of them carry about 143 bits.
     */
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    static final int LENGTH = 24;

    private final Map<String, String> values;

    public Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(values.keySet());
    }

    /**
     * The declared secrets this service lacks, each with a new random value: all of them on install,
     * those a newer package version declares on an update. Existing values are never replaced; given
     * secrets (an operator sets them) are never generated.
     */
    public Map<String, String> missing(Collection<SecretSpec> declared, SecureRandom random) {
        Map<String, String> out = new TreeMap<>();
        for (SecretSpec s : declared) {
            if (!s.given() && !values.containsKey(s.name())) {
                out.put(s.name(), generate(random));
            }
        }
        return out;
    }

    /** These secrets with {@code added} laid over them. */
    public Secrets with(Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putAll(added);
        return new Secrets(all);
    }

    /**
     * The first 16 hex digits of the value's SHA-256: enough to tell whether two services or two
     * moments hold the same secret, useless for finding it.
     */
    public Optional<String> fingerprint(String name) {
        return value(name).map(v -> {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-256", e);
            }
        });
    }

    /** What config templates see under {@code secrets}. */
    public Map<String, Object> templateValues() {
        return Map.copyOf(values);
    }

    static String generate(SecureRandom random) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Secrets" + names();
    }
}
