package io.snapgpu.access;

import io.snapgpu.validation.InputException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Checks an SSH public key a person pastes (Apache MINA's OpenSSH key parsing): ed25519, ecdsa
 * (nistp256/384/521) or rsa of at least 2048 bits, one {@code authorized_keys} line without options,
 * comment kept. A private key is refused without being stored or echoed. The fingerprint is SHA256
 * as {@code ssh-keygen -l} prints it.
 */
public final class UserKeys {
    static final String FIELD = "publicKey";
    static final int MIN_RSA_BITS = 2048;
    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,16384}={0,3}");
    /** Printable, no control characters: the comment ends up in a machine's authorized_keys line. */
    private static final Pattern COMMENT = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,200}");

    private UserKeys() {
    }

    /** A checked key: its canonical authorized_keys line, type, size and fingerprint. */
    public record Parsed(String line, String type, int bits, String fingerprint, String comment) {
    }

    /** @throws InputException naming {@code publicKey} when it is not an acceptable public key */
    public static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InputException(FIELD, "is required: paste one OpenSSH public key (the contents of ~/.ssh/id_ed25519.pub)");
        }
        if (t.contains("PRIVATE KEY") || t.startsWith("PuTTY-User-Key-File") || t.startsWith("-----BEGIN")) {
            throw new InputException(FIELD, "this is a private key: paste the public key (the .pub file); SnapGPU never"
                    + " takes a private key, and nothing was stored");
        }
        if (t.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
            throw new InputException(FIELD, "is in RFC 4716 (SSH2) form: convert it with `ssh-keygen -i -f key.pub`"
                    + " and paste the one line that prints");
        }
        if (t.length() > 16_500) {
            throw new InputException(FIELD, "is too long for an SSH public key");
        }
        if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            throw new InputException(FIELD, "must be one line: key type, base64 and an optional comment");
        }
        String[] parts = t.split("[ \\t]+", 3);
        if (!TYPES.contains(parts[0])) {
            throw new InputException(FIELD, "must start with its key type, one of ssh-ed25519, ecdsa-sha2-nistp256,"
                    + " ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, ssh-rsa (no authorized_keys options)");
        }
        if (parts.length < 2 || !BASE64.matcher(parts[1]).matches()) {
            throw new InputException(FIELD, "the key type must be followed by the key in base64");
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (!comment.isEmpty() && !COMMENT.matcher(comment).matches()) {
            throw new InputException(FIELD, "the comment after the key may hold at most 200 printable characters");
        }
        PublicKey key;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(parts[0] + " " + parts[1]);
            if (entry == null) {
                throw new IllegalArgumentException("empty");
            }
            key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (Exception | LinkageError e) {
            throw new InputException(FIELD, "is not a valid " + parts[0] + " public key (its base64 does not decode to one)");
        }
        if (key == null || !parts[0].equals(KeyUtils.getKeyType(key))) {
            throw new InputException(FIELD, "the key's data is not of the type " + parts[0] + " it is labelled with");
        }
        int bits = bits(key);
        if (key instanceof RSAPublicKey && bits < MIN_RSA_BITS) {
            throw new InputException(FIELD, "an RSA key must have at least " + MIN_RSA_BITS + " bits; this one has " + bits
                    + " (make a new one: ssh-keygen -t ed25519)");
        }
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        String line = parts[0] + " " + parts[1] + (comment.isEmpty() ? "" : " " + comment);
        return new Parsed(line, parts[0], bits, fingerprint, comment.isEmpty() ? null : comment);
    }

    static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 256; // ed25519
    }

    /** The SHA256 fingerprint of a key line ({@code type base64 [comment]}), as ssh-keygen prints it; null if unreadable. */
    public static String fingerprintOfLine(String line) {
        if (line == null) {
            return null;
        }
        try {
            String[] parts = line.strip().split("[ \\t]+");
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(parts[0] + " " + parts[1]);
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, entry.resolvePublicKey(null,
                    PublicKeyEntryResolver.FAILING));
        } catch (Exception e) {
            return null;
        }
    }

    /** The name a key gets when none is given: its comment, else its type and the start of its fingerprint. */
    static String defaultName(Parsed p) {
        return p.comment() != null ? p.comment().substring(0, Math.min(100, p.comment().length()))
                : p.type() + " " + p.fingerprint().substring(0, Math.min(19, p.fingerprint().length()));
    }

    static final List<String> KEY_TYPES = List.copyOf(TYPES);
}
