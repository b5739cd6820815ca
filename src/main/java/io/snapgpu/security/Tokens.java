package io.snapgpu.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Bearer tokens: 256 random bits, shown once, stored only as their SHA-256. */
public final class Tokens {
    public static final String API_KEY_PREFIX = "sgk_";
    public static final String SESSION_PREFIX = "sgs_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be shown of a token later: enough to recognise it, useless to an attacker. */
    public static String displayPrefix(String token) {
        return token.substring(0, Math.min(token.length(), 10));
    }

    public static String randomPassword() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
