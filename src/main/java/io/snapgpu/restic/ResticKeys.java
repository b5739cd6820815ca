package io.snapgpu.restic;

import io.snapgpu.config.UtcClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * restic key files ({@code keys/<id>} in a repository): the repository's master key, encrypted with
 * a key derived from the password by scrypt. {@code restic init} picks scrypt parameters that take
 * ~0.5 s of CPU, and every restic command pays that again to open the repository — the largest part
 * of an unchanged incremental backup's time. That stretching protects a password a person chose; a
 * SnapGPU repository's password is 288 random bits, which no amount of stretching makes safer. So
 * SnapGPU re-wraps the master key under light parameters ({@link #LIGHT}), and restic reads the
 * parameters from the key file. restic's format: scrypt(password, salt, N, r, p) gives 64 bytes, an
 * AES-256 key then a MAC key (k, r); data = IV || AES-256-CTR(plaintext) || Poly1305-AES(ciphertext).
 */
public final class ResticKeys {
    /** scrypt N, r and p of a key: its cost to open is about N * r * p. */
    public record Params(int n, int r, int p) {
        long cost() {
            return (long) n * r * p;
        }
    }

    /** The parameters of the keys SnapGPU writes: ~2 ms and 1 MiB to open, against ~0.5 s and 256 MiB. */
    public static final Params LIGHT = new Params(1024, 8, 1);

    private static final byte[] POLY1305_MASK = { (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, (byte) 0xfc,
            (byte) 0xff, (byte) 0xff, 0x0f, (byte) 0xfc, (byte) 0xff, (byte) 0xff, 0x0f, (byte) 0xfc, (byte) 0xff,
            (byte) 0xff, 0x0f };
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResticKeys() {
    }

    /** A key file's scrypt parameters. */
    public static Params params(byte[] keyFile) throws IOException {
        JsonNode k = ResticJson.MAPPER.readTree(keyFile);
        if (!"scrypt".equals(k.path("kdf").asText())) {
            throw new IOException("not a restic scrypt key file");
        }
        return new Params(k.path("N").asInt(), k.path("r").asInt(), k.path("p").asInt());
    }

    /** True when opening with this key costs more than SnapGPU's light parameters. */
    public static boolean heavy(byte[] keyFile) throws IOException {
        return params(keyFile).cost() > LIGHT.cost();
    }

    /** The master key (restic's JSON of it) sealed in this key file; fails on a wrong password. */
    public static byte[] masterKey(byte[] keyFile, String password) throws IOException {
        JsonNode k = ResticJson.MAPPER.readTree(keyFile);
        Params p = params(keyFile);
        byte[] derived = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(k.path("salt").asText()), p.n(), p.r(), p.p(), 64);
        byte[] data = Base64.getDecoder().decode(k.path("data").asText());
        if (data.length < 32) {
            throw new IOException("key data too short");
        }
        byte[] iv = Arrays.copyOfRange(data, 0, 16);
        byte[] ciphertext = Arrays.copyOfRange(data, 16, data.length - 16);
        byte[] tag = Arrays.copyOfRange(data, data.length - 16, data.length);
        if (!MessageDigest.isEqual(tag, mac(derived, iv, ciphertext))) {
            throw new IOException("wrong password for this restic key (MAC mismatch)");
        }
        return aesCtr(derived, iv, ciphertext);
    }

    /** A new key file sealing {@code masterKey} under {@code password} with parameters {@code p}. */
    public static byte[] keyFile(byte[] masterKey, String password, Params p, String username, String hostname) {
        byte[] salt = new byte[64];
        RANDOM.nextBytes(salt);
        byte[] derived = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, p.n(), p.r(), p.p(), 64);
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        byte[] ciphertext = aesCtr(derived, iv, masterKey);
        byte[] data = new byte[16 + ciphertext.length + 16];
        System.arraycopy(iv, 0, data, 0, 16);
        System.arraycopy(ciphertext, 0, data, 16, ciphertext.length);
        System.arraycopy(mac(derived, iv, ciphertext), 0, data, 16 + ciphertext.length, 16);
        ObjectNode k = ResticJson.MAPPER.createObjectNode();
        k.put("created", UtcClock.instant().toString());
        k.put("username", username);
        k.put("hostname", hostname);
        k.put("kdf", "scrypt");
        k.put("N", p.n());
        k.put("r", p.r());
        k.put("p", p.p());
        k.put("salt", Base64.getEncoder().encodeToString(salt));
        k.put("data", Base64.getEncoder().encodeToString(data));
        return k.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same master key in a new key file with SnapGPU's light parameters ({@link #LIGHT}). */
    public static byte[] lightened(byte[] keyFile, String password) throws IOException {
        return keyFile(masterKey(keyFile, password), password, LIGHT, "snapgpu", "snapgpu");
    }

    /** The name restic gives a key file: the SHA-256 of its content. */
    public static String id(byte[] keyFile) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keyFile));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aesCtr(byte[] derived, byte[] iv, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"), new IvParameterSpec(iv));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Poly1305-AES as restic uses it: r = the MAC key's r (clamped), s = AES-128 of the IV under its k. */
    private static byte[] mac(byte[] derived, byte[] iv, byte[] ciphertext) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 32, 16, "AES"));
            byte[] s = aes.doFinal(iv);
            byte[] key = new byte[32];
            for (int i = 0; i < 16; i++) {
                key[i] = (byte) (derived[48 + i] & POLY1305_MASK[i]);
            }
            System.arraycopy(s, 0, key, 16, 16);
            Poly1305 poly = new Poly1305();
            poly.init(new KeyParameter(key));
            poly.update(ciphertext, 0, ciphertext.length);
            byte[] tag = new byte[16];
            poly.doFinal(tag, 0);
            return tag;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
