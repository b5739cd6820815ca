package io.snapgpu.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.support.AppProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web UI in a real browser (Debian's Chromium, driven by Playwright from frontend/e2e/ui.e2e.mjs)
 * against the packaged app on its embedded defaults: log in, race machines on the local marketplace,
 * snapshot, restore, backup settings, every screen photographed under target/e2e-screenshots/.
 */
class WebUiIT {
    private static final String PASSWORD = "it-ui-admin-password-1";
    private static final String KEY = "sgk_it_ui_key_0123456789abcdefghijklmnopqrstu";
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void theWholeScenarioPassesInChromium() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium"
                + " (apt-get install chromium); the UI test never downloads a browser");
        Path frontend = Path.of("frontend").toAbsolutePath();
        assertTrue(Files.isDirectory(frontend.resolve("node_modules/playwright-core")),
                "frontend/node_modules is missing: the build installs it (npm install) when it is absent");
        Path dataDir = Files.createDirectories(Path.of("target/it-data/ui-" + UUID.randomUUID())).toAbsolutePath();
        Path shots = Path.of("target/e2e-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        // time scale 0.1: the marketplace's 8-30 s boots take about 1-3 s, so the board is seen racing
        Map<String, String> env = Map.of("SNAPGPU_DATA_DIR", dataDir.toString(),
                "SNAPGPU_EMBEDDED_POSTGRES_PORT", Integer.toString(AppProcess.freePort()),
                "SNAPGPU_ADMIN_PASSWORD", PASSWORD, "SNAPGPU_ADMIN_API_KEY", KEY,
                "SNAPGPU_LOCAL_TIME_SCALE", "0.1", "SNAPGPU_INSTANCES_POLL_INTERVAL", "0.2S");

        try (AppProcess app = AppProcess.start(dataDir.resolve("app.log"), env).awaitHealthy(Duration.ofSeconds(120))) {
            ProcessBuilder pb = new ProcessBuilder(List.of("node", "e2e/ui.e2e.mjs")).directory(frontend.toFile())
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("e2e.log").toFile());
            pb.environment().put("SNAPGPU_URL", "http://localhost:" + app.httpPort);
            pb.environment().put("SNAPGPU_USER", "admin");
            pb.environment().put("SNAPGPU_PASSWORD", PASSWORD);
            pb.environment().put("SNAPGPU_API_KEY", KEY);
            pb.environment().put("SNAPGPU_DATA_DIR", dataDir.toString());
            pb.environment().put("SCREENSHOT_DIR", shots.toString());
            pb.environment().put("CHROMIUM", CHROMIUM.toString());
            pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process e2e = pb.start();
            boolean ended = e2e.waitFor(8, TimeUnit.MINUTES);
            if (!ended) {
                e2e.descendants().forEach(ProcessHandle::destroyForcibly);
                e2e.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            String out = Files.readString(dataDir.resolve("e2e.log"), StandardCharsets.UTF_8);
            System.out.println(out);
            assertTrue(ended, "the browser test did not finish within 8 minutes:\n" + out);
            assertEquals(0, e2e.exitValue(), "the browser test failed (screenshots in " + shots + "):\n" + out
                    + "\n--- app log (tail) ---\n" + tail(app.output(), 6000));
        }
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }
}
