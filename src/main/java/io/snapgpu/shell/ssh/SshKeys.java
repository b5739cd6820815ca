package io.snapgpu.shell.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The key pair SnapGPU logs in with: generated here, its public half installed on rented machines
 * as an {@code authorized_keys} line, its private half stored (encrypted, elsewhere) in the OpenSSH
 * private key format so {@code ssh -i} can use it too when someone needs to look at a machine.
 */
public final class SshKeys {
    public static final String DEFAULT_COMMENT = "snapgpu";

    public enum Type {
        ED25519(KeyPairProvider.SSH_ED25519, 256),
        RSA(KeyPairProvider.SSH_RSA, 3072);

        private final String sshName;
        private final int bits;

        Type(String sshName, int bits) {
            this.sshName = sshName;
            this.bits = bits;
        }
    }

    private SshKeys() {
    }

    /** A new Ed25519 key pair. */
    public static KeyPair generate() {
        return generate(Type.ED25519);
    }

    public static KeyPair generate(Type type) {
        try {
            return KeyUtils.generateKeyPair(type.sshName, type.bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an " + type + " SSH key pair: " + e.getMessage(), e);
        }
    }

    /** The {@code authorized_keys} line: {@code ssh-ed25519 AAAA... snapgpu}. */
    public static String publicKeyLine(PublicKey key) {
        return publicKeyLine(key, DEFAULT_COMMENT);
    }

    public static String publicKeyLine(PublicKey key, String comment) {
        String line = PublicKeyEntry.toString(key);
        return comment == null || comment.isBlank() ? line : line + " " + comment.strip();
    }

    /** Parses an {@code authorized_keys} / {@code .pub} line back into a key (the comment is ignored). */
    public static PublicKey parsePublicKeyLine(String line) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
            if (entry == null) {
                throw new IllegalArgumentException("not an SSH public key line");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable SSH public key line: " + e.getMessage(), e);
        }
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /**
     * The private key as an unencrypted {@code -----BEGIN OPENSSH PRIVATE KEY-----} block. The result
     * is a secret: encrypt it before it is stored and never log it.
     */
    public static String toOpenSshPrivateKey(KeyPair keyPair) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, DEFAULT_COMMENT, null, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the SSH private key: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Reads what {@link #toOpenSshPrivateKey} wrote (or an unencrypted key from {@code ssh-keygen}). */
    public static KeyPair parseOpenSshPrivateKey(String pem) {
        Optional<KeyPair> rsa = OpenSshRsaKeys.read(pem);
        if (rsa.isPresent()) {
            return rsa.get();
        }
        Collection<KeyPair> pairs;
        try {
            List<String> lines = pem.strip().lines().toList();
            pairs = OpenSSHKeyPairResourceParser.INSTANCE.loadKeyPairs(
                    null, NamedResource.ofName("snapgpu private key"), null, lines);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the message of a parser error may quote what it read: keep it out
            throw new IllegalArgumentException("not a readable unencrypted OpenSSH private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (pairs == null || pairs.size() != 1) {
            throw new IllegalArgumentException("expected exactly one OpenSSH private key, found "
                    + (pairs == null ? 0 : pairs.size()));
        }
        return pairs.iterator().next();
    }
}
