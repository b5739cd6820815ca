package io.snapgpu.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Current restic (0.16+: restore reports its own progress) beside the system's 0.14, for tests that
 * run the same scenarios against both. {@code src/test/tools/fetch-current-restic.sh} (run by
 * {@code .ci/run}) puts it in {@code ~/.cache/snapgpu/restic-current/restic}; where it is missing,
 * those tests are skipped and say why.
 */
public final class CurrentRestic {
    private CurrentRestic() {
    }

    public static Path path() {
        return Path.of(System.getProperty("snapgpu.test.current-restic",
                System.getProperty("user.home") + "/.cache/snapgpu/restic-current/restic"));
    }

    /** For {@code @EnabledIf("io.snapgpu.support.CurrentRestic#available")}. */
    public static boolean available() {
        boolean found = Files.isExecutable(path());
        if (!found) {
            System.err.println("SKIPPED: no current restic at " + path()
                    + " (run src/test/tools/fetch-current-restic.sh)");
        }
        return found;
    }

    /**
     * The app with current restic instead of the system's, and (where this machine can run them: root,
     * openssh-server, unshare) local machines that are Debian OpenSSH sshds, each starting without
     * restic: so every scenario of the tests that use this profile also runs on real OpenSSH, as on a
     * rented machine, with the bootstrap installing restic 0.18 there.
     */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            java.util.Optional<String> noOpenSsh = io.snapgpu.provider.local.OpenSshServer.unavailable();
            noOpenSsh.ifPresent(why -> System.err.println("NOTE: local machines use the embedded SSH server here, not"
                    + " OpenSSH: " + why));
            return Map.of("snapgpu.restic.binary", path().toString(),
                    "snapgpu.local.ssh-server", noOpenSsh.isPresent() ? "embedded" : "openssh");
        }
    }

    /** True when the tests of this profile run their machines on OpenSSH. */
    public static boolean openSsh() {
        return io.snapgpu.provider.local.OpenSshServer.unavailable().isEmpty();
    }
}
