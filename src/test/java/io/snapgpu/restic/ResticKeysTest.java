package io.snapgpu.restic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.support.CurrentRestic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-wrapping a repository's master key under light scrypt parameters, checked by restic itself. */
class ResticKeysTest {
    private static final String PASSWORD = "a-generated-password-of-many-random-bits";

    @TempDir
    Path tmp;

    private static int restic(String binary, Path repo, String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("RESTIC_REPOSITORY", repo.toString());
        pb.environment().put("RESTIC_PASSWORD", password);
        return pb.start().waitFor();
    }

    private static Path onlyKey(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("keys"))) {
            List<Path> keys = s.toList();
            assertEquals(1, keys.size(), keys.toString());
            return keys.get(0);
        }
    }

    private void lightenAndOpen(String binary) throws Exception {
        Path repo = tmp.resolve("repo-" + System.nanoTime());
        assertEquals(0, restic(binary, repo, PASSWORD, "init"));
        Path heavy = onlyKey(repo);
        byte[] file = Files.readAllBytes(heavy);
        assertTrue(ResticKeys.heavy(file), "restic init calibrates scrypt to ~0.5 s: " + ResticKeys.params(file));
        assertThrows(IOException.class, () -> ResticKeys.masterKey(file, "another password"));

        byte[] master = ResticKeys.masterKey(file, PASSWORD);
        String json = new String(master, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"mac\"") && json.contains("\"encrypt\""), "restic's master key JSON");
        byte[] light = ResticKeys.keyFile(master, PASSWORD, ResticKeys.LIGHT, "snapgpu", "snapgpu");
        assertEquals(ResticKeys.LIGHT, ResticKeys.params(light));
        assertFalse(ResticKeys.heavy(light));
        assertTrue(java.util.Arrays.equals(master, ResticKeys.masterKey(light, PASSWORD)), "the same master key inside");
        Files.write(repo.resolve("keys").resolve(ResticKeys.id(light)), light);
        Files.delete(heavy);

        // restic opens the repository with the light key alone, and still refuses a wrong password
        assertEquals(0, restic(binary, repo, PASSWORD, "cat", "config"));
        assertEquals(0, restic(binary, repo, PASSWORD, "snapshots"));
        assertNotEquals(0, restic(binary, repo, "another password", "cat", "config"));
        assertEquals(ResticKeys.id(light), onlyKey(repo).getFileName().toString());
    }

    @Test
    void resticOpensARepositoryWithTheLightKeySystemRestic() throws Exception {
        lightenAndOpen("restic");
    }

    @Test
    void resticOpensARepositoryWithTheLightKeyCurrentRestic() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(CurrentRestic.available(), "no current restic");
        lightenAndOpen(CurrentRestic.path().toString());
    }

    @Test
    void aKeyFileThatIsNotScryptIsRefused() {
        assertThrows(IOException.class, () -> ResticKeys.params("{\"kdf\":\"argon2\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
