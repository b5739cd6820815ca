package io.snapgpu.restic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A restic release, parsed from {@code restic version}; features differ by release. */
public record ResticVersion(int major, int minor, int patch) implements Comparable<ResticVersion> {
    private static final Pattern LINE = Pattern.compile("^restic (\\d+)\\.(\\d+)\\.(\\d+)");
    public static final ResticVersion MINIMUM = new ResticVersion(0, 14, 0);

    public static Optional<ResticVersion> parse(String versionLine) {
        if (versionLine == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(versionLine.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ResticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** 0.16 added JSON progress to {@code restore}; older releases print none. */
    public boolean hasRestoreJsonProgress() {
        return atLeast(0, 16);
    }

    /** 0.17 added {@code restore --overwrite if-changed} and {@code --delete}: a restore onto existing data. */
    public boolean hasIncrementalRestore() {
        return atLeast(0, 17);
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public int compareTo(ResticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
