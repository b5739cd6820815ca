package io.snapgpu.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One SnapGPU process per data directory. The OS releases the lock when the process dies (even by
 * kill -9), so a held lock means a live owner and a free lock means anything left running there is
 * an orphan of a dead process.
 */
final class DataDirectoryLock {
    private static final String OWNER_PROPERTY = "io.snapgpu.embedded.lock@";

    private DataDirectoryLock() {
    }

    static synchronized void acquire(Path dataDir) { // PostgreSQL and the S3 server start on two threads
        String key = OWNER_PROPERTY + dataDir;
        if (System.getProperties().containsKey(key)) {
            return; // this JVM holds it already (a previous Quarkus start in the same JVM)
        }
        Path lockFile = dataDir.resolve("snapgpu.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return;
            }
            if (lock == null) {
                channel.close();
                throw new EmbeddedFailure("Another SnapGPU process is using the data directory " + dataDir
                        + ". Stop it, or give this one its own directory with SNAPGPU_DATA_DIR.");
            }
            // Held for the life of the JVM: the lock is the proof that this process owns the directory.
            // The shutdown hook keeps the channel reachable (so it is never collected and unlocked),
            // and the system property lets a later Quarkus start in this JVM see that we hold it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException ignored) {
                    // exiting: the OS releases it anyway
                }
            }, "snapgpu-data-dir-unlock"));
            System.setProperty(key, "held");
        } catch (IOException e) {
            throw new EmbeddedFailure("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
