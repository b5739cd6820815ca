package io.snapgpu.provider;

import java.util.regex.Pattern;

/**
 * The SSH public key as it may travel to a marketplace: one {@code authorized_keys} line of a key
 * type, base64 and an optional plain comment. Checked before every create, because the key ends up in
 * a machine's environment and start scripts read it there: nothing else may ride along with it.
 */
public final class SshKeyLine {
    private static final Pattern LINE = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
                    + " [A-Za-z0-9+/]{16,8192}={0,3}( [A-Za-z0-9@._+:-]{1,100})?");

    private SshKeyLine() {
    }

    /** The key line, stripped; fails (without quoting the key) when it is not one. */
    public static String require(String provider, String line) {
        String key = line == null ? "" : line.strip();
        if (!LINE.matcher(key).matches()) {
            throw new ProviderException(provider, ProviderException.Kind.BAD_REQUEST,
                    "the SSH public key must be one line: key type, base64, optional comment of letters, digits and @._+:-");
        }
        return key;
    }
}
