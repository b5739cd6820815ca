package io.snapgpu.shell.ssh;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an unencrypted OpenSSH RSA private key with the JDK's own key factory. sshd's parser builds
 * the key through BouncyCastle, whose public-key constructor runs a probable-prime test on the modulus:
 * in a JVM that has just started (BigInteger arithmetic not yet compiled) that took seconds of the start,
 * for a key SnapGPU generated itself. Anything this does not recognise is left to sshd's parser.
 */
final class OpenSshRsaKeys {
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshRsaKeys() {
    }

    static Optional<KeyPair> read(String pem) {
        String body = pem.strip();
        String begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
        String end = "-----END OPENSSH PRIVATE KEY-----";
        if (!body.startsWith(begin) || !body.endsWith(end)) {
            return Optional.empty();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getMimeDecoder().decode(
                    body.substring(begin.length(), body.length() - end.length())));
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || !"none".equals(string(b)) || !"none".equals(string(b))) {
                return Optional.empty(); // an encrypted key
            }
            bytes(b); // kdf options
            if (b.getInt() != 1) {
                return Optional.empty();
            }
            bytes(b); // the public key, repeated in the private section
            ByteBuffer p = ByteBuffer.wrap(bytes(b));
            if (p.getInt() != p.getInt() || !"ssh-rsa".equals(string(p))) {
                return Optional.empty();
            }
            BigInteger n = mpint(p);
            BigInteger e = mpint(p);
            BigInteger d = mpint(p);
            BigInteger iqmp = mpint(p);
            BigInteger primeP = mpint(p);
            BigInteger primeQ = mpint(p);
            KeyFactory rsa = KeyFactory.getInstance("RSA", "SunRsaSign");
            return Optional.of(new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(n, e)),
                    rsa.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, primeP, primeQ,
                            d.mod(primeP.subtract(BigInteger.ONE)), d.mod(primeQ.subtract(BigInteger.ONE)), iqmp))));
        } catch (IllegalArgumentException | BufferUnderflowException | GeneralSecurityException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("truncated");
        }
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    private static String string(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.US_ASCII);
    }

    private static BigInteger mpint(ByteBuffer b) {
        return new BigInteger(bytes(b));
    }
}
