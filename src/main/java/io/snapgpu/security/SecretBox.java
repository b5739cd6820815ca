package io.snapgpu.security;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.snapgpu.config.SnapgpuConfig;
import io.snapgpu.embedded.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (restic passwords, provider and SSH keys) with AES-256-GCM under the
 * master key: SNAPGPU_MASTER_KEY, or with the embedded database a key generated once into the data
 * directory. Layout: 12-byte nonce, then ciphertext and tag. {@code context} is bound as associated
 * data, so a ciphertext moved to another row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(SnapgpuConfig config) {
        this.key = new SecretKeySpec(loadKey(config), "AES");
    }

    public byte[] encrypt(String plaintext, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] sealed, String context) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not decrypt with this master key (was"
                    + " SNAPGPU_MASTER_KEY changed?)");
        }
    }

    private static byte[] loadKey(SnapgpuConfig config) {
        Optional<String> configured = config.masterKey();
        if (configured.isPresent()) {
            return decodeKey(configured.get());
        }
        if (!config.embedded().postgres().active()) {
            throw new ConfigurationException("Set SNAPGPU_MASTER_KEY (32 random bytes, base64, e.g. from"
                    + " `openssl rand -base64 32`): it encrypts the secrets SnapGPU stores in your PostgreSQL, and every"
                    + " replica needs the same one.");
        }
        Path file = DataDirectory.ensure(DataDirectory.resolve(config.dataDir().orElse(null))).resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file).strip());
            }
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(k) + "\n");
            return k;
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read or create the master key " + file + ": " + e.getMessage());
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("SNAPGPU_MASTER_KEY must be base64 (e.g. `openssl rand -base64 32`)");
        }
        if (k.length != 32) {
            throw new ConfigurationException("SNAPGPU_MASTER_KEY must decode to 32 bytes (got " + k.length + ")");
        }
        return k;
    }
}
