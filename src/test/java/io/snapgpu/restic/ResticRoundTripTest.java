package io.snapgpu.restic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.storage.ObjectStore;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real restic binary against a repository in the embedded S3 server's bucket. */
@QuarkusTest
class ResticRoundTripTest {
    private static final Duration T = Duration.ofSeconds(120);

    @Inject
    ResticCli restic;
    @Inject
    ObjectStore objectStore;

    @TempDir
    Path tmp;

    @Test
    void aTinyWorkspaceRoundTripsThroughTheBucket() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("workspace"));
        Files.createDirectories(root.resolve("home/code"));
        Files.writeString(root.resolve("home/code/train.py"), "print('hello')\n");
        Files.writeString(root.resolve("home/code/odd name; rm -rf x.txt"), "not a command\n");
        Files.writeString(root.resolve("home/-not-an-option"), "a path that starts with a dash\n");
        byte[] weights = new byte[300_000];
        new Random(7).nextBytes(weights);
        Files.write(root.resolve("home/weights.bin"), weights);
        Files.writeString(root.resolve("home/debug.log"), "excluded\n");

        ResticRepository repo = objectStore.resticRepository("test/" + UUID.randomUUID(), "pw-" + UUID.randomUUID());
        restic.initIfMissing(repo).await().atMost(T);
        restic.initIfMissing(repo).await().atMost(T); // idempotent: the second call finds the repository

        BackupSummary summary = restic.backup(repo, root, "ws-test", List.of("home"), List.of("*.log"), List.of("manual"))
                .await().atMost(T);
        assertNotNull(summary.snapshotId());
        assertEquals(4, summary.totalFilesProcessed(), "four files backed up, the *.log excluded");

        List<ResticSnapshot> snapshots = restic.snapshots(repo).await().atMost(T);
        assertEquals(1, snapshots.size());
        ResticSnapshot snap = snapshots.get(0);
        // restic 0.14 reports the short id in the summary, newer releases the full one
        assertTrue(snap.id().startsWith(summary.snapshotId()), snap.id() + " vs " + summary.snapshotId());
        assertEquals("ws-test", snap.hostname());
        assertEquals(List.of("manual"), snap.tags());
        assertFalse(snap.tree() == null || snap.tree().isBlank());

        RestoreSize size = restic.restoreSize(repo, snap.id()).await().atMost(T);
        assertEquals(6, size.totalFileCount(), "restore-size counts directories too: home, home/code + 4 files");
        assertEquals(300_000 + 15 + 14 + 31, size.totalSize());

        Path target = tmp.resolve("restored");
        restic.restore(repo, snap.id(), target).await().atMost(T);
        assertArrayEquals(weights, Files.readAllBytes(target.resolve("home/weights.bin")));
        assertEquals("print('hello')\n", Files.readString(target.resolve("home/code/train.py")));
        assertEquals("not a command\n", Files.readString(target.resolve("home/code/odd name; rm -rf x.txt")));
        assertTrue(Files.exists(target.resolve("home/-not-an-option")));
        assertFalse(Files.exists(target.resolve("home/debug.log")));

        // an unchanged second backup finds its parent (same host + paths) and adds nothing new
        BackupSummary again = restic.backup(repo, root, "ws-test", List.of("home"), List.of("*.log"), List.of())
                .await().atMost(T);
        assertEquals(0, again.filesNew());
        assertEquals(4, again.filesUnmodified());
    }

    @Test
    void aWrongPasswordFailsWithTheExitCodeAndRestic() {
        String prefix = "test/" + UUID.randomUUID();
        restic.initIfMissing(objectStore.resticRepository(prefix, "right-password")).await().atMost(T);
        ResticRepository wrong = objectStore.resticRepository(prefix, "wrong-password");
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> restic.snapshots(wrong).await().atMost(T));
        assertTrue(e.exitCode() != 0);
        assertTrue(e.getMessage().contains("restic snapshots --json"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertFalse(e.getMessage().contains("right-password") || e.getMessage().contains("wrong-password"),
                "no password in messages: " + e.getMessage());
    }

    @Test
    void theVersionIsDetected() {
        ResticStatus status = restic.detect().await().atMost(T);
        assertTrue(status.available(), status.message());
        assertTrue(status.version().compareTo(ResticVersion.MINIMUM) >= 0);
    }
}
