package io.snapgpu.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loss the tests (and benchmarks) inflict on a machine of the embedded marketplace, kept as a file
 * in its sandbox ({@value #FILE}, holding the fault's name) so every replica sharing the marketplace,
 * and a test outside the SnapGPU process, can cause and see it:
 * <ul>
 * <li>{@link #HOST_OFFLINE}: the host is down: the provider reports the machine {@code failed}
 * ("offline") and its SSH server is gone;
 * <li>{@link #CONTAINER_EXIT}: the container exited: reported {@code failed} ("exited"), SSH gone;
 * <li>{@link #SSH_DEAD}: only the SSH server died: the provider still says {@code running};
 * <li>{@link #PREEMPTED}: the rental is pre-empted with notice: reported {@code stopped}
 * ("preempted") while the machine still answers SSH (as a spot machine does until its notice ends).
 * </ul>
 */
public enum LocalFault {
    HOST_OFFLINE, CONTAINER_EXIT, SSH_DEAD, PREEMPTED;

    public static final String FILE = "fault";

    /** Whether the machine's SSH server stops with this fault. */
    public boolean stopsSsh() {
        return this != PREEMPTED;
    }

    static Optional<LocalFault> of(Path sandbox) {
        Path f = sandbox.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(Files.readString(f).strip()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void writeTo(Path sandbox) throws IOException {
        Files.writeString(sandbox.resolve(FILE), name());
    }
}
