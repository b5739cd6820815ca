package io.snapgpu.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snapgpu.support.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Runs after every @QuarkusTest (failsafe follows surefire): no secret any test used appears in
 * the log the whole test run captured, nor in any API answer the tests received (but the one-time
 * display of a new API key).
 */
class SecretsNotLoggedIT {

    @Test
    void theLogOfTheWholeTestRunHoldsNoSecret() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("quarkus-test.log")).toList()) {
                all.append(Files.readString(log));
            }
        }
        String text = all.toString();
        assertTrue(text.contains("SnapGPU is ready"), "the log is the real one");
        List<String> secrets = new ArrayList<>(Files.readAllLines(TestAuth.SECRETS_FILE).stream()
                .filter(s -> !s.isBlank()).toList());
        Path dataDir = Path.of("target/snapgpu-test-data");
        Properties s3 = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("s3/credentials.properties"))) {
            s3.load(in);
        }
        secrets.add(s3.getProperty("secret-access-key"));
        secrets.add(Files.readString(dataDir.resolve("master.key")).strip());
        assertTrue(secrets.size() > 8, "the tests recorded the secrets they used: " + secrets.size());
        String answers = Files.exists(TestAuth.ANSWERS_FILE) ? Files.readString(TestAuth.ANSWERS_FILE) : "";
        assertTrue(answers.contains("/api/v1/"), "the API answers the tests received were recorded");
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret is in the log: " + secret.substring(0, 4) + "…");
            assertFalse(answers.contains(secret), "a secret is in an API answer: " + secret.substring(0, 4) + "…");
        }
    }
}
