package io.snapgpu.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecretBoxTest {
    @Inject
    SecretBox box;

    @Test
    void sealsAndOpensAndBindsTheContext() {
        byte[] a = box.encrypt("restic-password-42", "restic:tenant-1");
        byte[] b = box.encrypt("restic-password-42", "restic:tenant-1");
        assertNotEquals(new String(a, StandardCharsets.ISO_8859_1), new String(b, StandardCharsets.ISO_8859_1),
                "a fresh nonce each time");
        assertFalse(new String(a, StandardCharsets.ISO_8859_1).contains("restic-password-42"));
        assertEquals("restic-password-42", box.decrypt(a, "restic:tenant-1"));
        assertThrows(IllegalStateException.class, () -> box.decrypt(a, "restic:tenant-2"));
        a[20] ^= 1;
        assertThrows(IllegalStateException.class, () -> box.decrypt(a, "restic:tenant-1"));
    }
}
