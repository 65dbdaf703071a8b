package dev.berth.core.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a service's secrets before they are written to the state store: AES-256-GCM with a fresh
 * 12-byte nonce each time, stored as {@code aesgcm1:<base64 of nonce and ciphertext>}. GCM's tag makes a
 * changed value fail to decrypt rather than read as something else. A value without the prefix was written
 * before secrets were encrypted and reads as it is.
 */
public final class SecretCipher {
    private static final String PREFIX = "aesgcm1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** True when {@code stored} is a value this cipher sealed, false for a plain one kept from before. */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret in the state store cannot be decrypted with this cluster's secret"
                    + " (another cluster secret file, or a changed value)", e);
        }
    }
}
