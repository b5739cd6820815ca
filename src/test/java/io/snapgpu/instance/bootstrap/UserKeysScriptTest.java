package io.snapgpu.instance.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The users' keys block of the bootstrap, run by /bin/sh as on a machine: keys from the environment
 * only, SnapGPU's and every other line kept, no duplicates, the same result when run again, a
 * removed key gone.
 */
class UserKeysScriptTest {
    static final String SNAPGPU = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISnapGpuOwnKeyxxxxxxxxxxxxxxxxxxxxxxxxxx snapgpu";
    static final String ALICE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAliceKeyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx alice@laptop";
    static final String BOB = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYBobKey bob's key; with $(odd) `chars`";

    private static String run(Path home, List<String> keys) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", BootstrapScript.USER_KEYS, "snapgpu-bootstrap");
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(MachineBootstrap.keyEnv(keys));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return Files.readString(home.resolve(".ssh/authorized_keys"));
    }

    @Test
    void installsReplacesAndKeepsEverythingElse() throws Exception {
        Path home = Files.createTempDirectory("snapgpu-keys-home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/authorized_keys"), SNAPGPU); // no final newline, as some images leave it

        String once = run(home, List.of(ALICE, BOB, ALICE));
        assertEquals(SNAPGPU + "\n# snapgpu user keys begin\n" + ALICE + "\n" + BOB + "\n# snapgpu user keys end\n", once);
        assertEquals(once, run(home, List.of(ALICE, BOB)), "idempotent");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".ssh/authorized_keys"))));

        // a key the machine already has outside the block is not written twice
        Files.writeString(home.resolve(".ssh/authorized_keys"), once.replace(SNAPGPU, SNAPGPU + "\n" + ALICE.replace(" alice@laptop", "")));
        String kept = run(home, List.of(ALICE, BOB));
        assertEquals(1, kept.lines().filter(l -> l.contains("AliceKey")).count(), kept);

        String removed = run(home, List.of(BOB));
        assertTrue(removed.startsWith(SNAPGPU + "\n"), removed);
        assertTrue(removed.contains(BOB) && !removed.contains("alice@laptop"), removed);
        assertEquals(SNAPGPU + "\n" + ALICE.replace(" alice@laptop", "") + "\n", run(home, List.of()), "no keys, no block");
    }

    @Test
    void aMachineWithoutSshFolderGetsOne() throws Exception {
        Path home = Files.createTempDirectory("snapgpu-keys-home");
        assertEquals("# snapgpu user keys begin\n" + ALICE + "\n# snapgpu user keys end\n", run(home, List.of(ALICE)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".ssh"))));
        assertTrue(Map.of().isEmpty());
    }
}
