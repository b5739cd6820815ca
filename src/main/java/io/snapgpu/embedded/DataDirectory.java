package io.snapgpu.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The one directory under which the embedded defaults keep everything (database, object store, keys). */
public final class DataDirectory {
    public static final String PROPERTY = "snapgpu.data-dir";

    private DataDirectory() {
    }

    /** The configured directory, or {@code ~/.snapgpu} when none is set. */
    public static Path resolve(String configured) {
        Path dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".snapgpu")
                : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }

    /** Creates the directory (owner-only, since it holds keys and the database) if missing. */
    public static Path ensure(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: nothing more we can restrict
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the SnapGPU data directory " + dir
                    + " (set " + PROPERTY + " / SNAPGPU_DATA_DIR to a writable directory)", e);
        }
    }
}
