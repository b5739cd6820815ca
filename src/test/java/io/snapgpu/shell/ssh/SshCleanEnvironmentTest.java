package io.snapgpu.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.ProcessEvent;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine whose image exports storage credentials of its own (an {@code AWS_ACCESS_KEY_ID} in its
 * environment, as a Dockerfile ENV or a ~/.profile export puts it there): no command SnapGPU runs sees
 * them, on either command path, while the variables SnapGPU sends arrive.
 */
class SshCleanEnvironmentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> IMAGE = Map.of(
            "AWS_ACCESS_KEY_ID", "image-key", "AWS_SECRET_ACCESS_KEY", "image-secret", "AWS_SESSION_TOKEN", "t",
            "RESTIC_PASSWORD", "x", "RESTIC_REPOSITORY", "s3:https://elsewhere.example/bucket",
            "GOOGLE_APPLICATION_CREDENTIALS", "/image/key.json", "B2_ACCOUNT_KEY", "b2", "AZURE_CLIENT_SECRET", "az",
            "RCLONE_CONFIG_PASS", "rc", "OS_PASSWORD", "os");
    private static KeyPair key;
    private static TestSshServer server;

    @BeforeAll
    static void start() throws Exception {
        key = SshKeys.generate();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(IMAGE);
        env.put("IMAGE_SETTING", "kept"); // not a credential: left alone
        server = new TestSshServer(key.getPublic(), env);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theDispatcherPathSeesOnlySnapgpusCredentials() {
        try (SshShellFactory factory = new SshShellFactory()) {
            Map<String, String> seen = envThrough(factory);
            assertTrue(server.commands.stream().anyMatch(c -> c.contains("snapgpu-mux")), "ran through the dispatcher");
            assertClean(seen);
        }
    }

    @Test
    void thePerChannelPathSeesOnlySnapgpusCredentials() {
        server.commands.clear();
        try (SshShellFactory factory = new SshShellFactory(SshShellFactory.MAX_CONCURRENT_LOGINS, false)) {
            Map<String, String> seen = envThrough(factory);
            assertFalse(server.commands.stream().anyMatch(c -> c.contains("snapgpu-mux")), "each command on its own channel");
            assertClean(seen);
        }
    }

    private static Map<String, String> envThrough(SshShellFactory factory) {
        try (SshShell shell = factory.create("127.0.0.1", server.port(), "root", key, "/workspace", Duration.ofSeconds(10))) {
            // the control plane's own credentials for this command: the only ones it may see
            CommandSpec spec = new CommandSpec(List.of("env"), Map.of("AWS_ACCESS_KEY_ID", "snapgpu-key",
                    "AWS_SESSION_TOKEN", "snapgpu-token", "RESTIC_PASSWORD", "snapgpu-password"), null);
            List<ProcessEvent> events = shell.exec(spec).collect().asList().await().atMost(WAIT);
            assertEquals(0, events.stream().filter(e -> e instanceof ProcessEvent.Exit)
                    .mapToInt(e -> ((ProcessEvent.Exit) e).code()).findFirst().orElse(-1));
            return events.stream().filter(e -> e instanceof ProcessEvent.Line l && l.stream() == ProcessEvent.Stream.STDOUT)
                    .map(e -> ((ProcessEvent.Line) e).text()).filter(l -> l.indexOf('=') > 0)
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                            (a, b) -> a));
        }
    }

    private static void assertClean(Map<String, String> seen) {
        assertEquals("snapgpu-key", seen.get("AWS_ACCESS_KEY_ID"));
        assertEquals("snapgpu-token", seen.get("AWS_SESSION_TOKEN"));
        assertEquals("snapgpu-password", seen.get("RESTIC_PASSWORD"));
        for (String name : IMAGE.keySet()) {
            if (!List.of("AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "RESTIC_PASSWORD").contains(name)) {
                assertFalse(seen.containsKey(name), name + " of the image reached the command: " + seen.keySet());
            }
        }
        assertFalse(seen.containsValue("image-key"));
        assertEquals("kept", seen.get("IMAGE_SETTING"));
        assertTrue(seen.containsKey("PATH"));
    }
}
