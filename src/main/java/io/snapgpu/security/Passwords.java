package io.snapgpu.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt (CPU-heavy: call from a worker thread, never the event loop). */
public final class Passwords {
    private static final int COST = 11;
    /**
     * Compared against when the user does not exist, so timing does not reveal who does. In a holder:
     * computed at the first such login, not when the first start hashes the admin's password.
     */
    private static final class Dummy {
        static final String HASH = hash("not-a-real-password");
    }

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? Dummy.HASH : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
