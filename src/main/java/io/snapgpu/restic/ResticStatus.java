package io.snapgpu.restic;

/** Whether the restic binary is usable here, and if not, how to fix it. */
public record ResticStatus(boolean available, String binary, ResticVersion version, String message) {

    public static final String INSTALL_HINT = "Install restic 0.14 or newer: `sudo apt-get install restic` on"
            + " Debian/Ubuntu, `brew install restic` on macOS, or a release binary from"
            + " https://github.com/restic/restic/releases; or set SNAPGPU_RESTIC_BINARY to its path. Then restart SnapGPU.";

    static ResticStatus found(String binary, ResticVersion version) {
        if (version.compareTo(ResticVersion.MINIMUM) < 0) {
            return new ResticStatus(false, binary, version,
                    "restic " + version + " at '" + binary + "' is too old. " + INSTALL_HINT);
        }
        return new ResticStatus(true, binary, version, "restic " + version);
    }

    static ResticStatus missing(String binary, String why) {
        return new ResticStatus(false, binary, null, "restic is not usable at '" + binary + "' (" + why + "). "
                + INSTALL_HINT);
    }
}
