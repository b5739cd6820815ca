package io.snapgpu.restic;

/** One entry of {@code restic ls --json}: its path in the snapshot, type (file, dir, symlink, ...), size. */
public record ResticNode(String path, String type, long size) {
    public boolean dir() {
        return "dir".equals(type);
    }
}
