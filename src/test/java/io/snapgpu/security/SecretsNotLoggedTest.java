package io.snapgpu.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.snapgpu.support.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other test class: no secret any test used appears in the captured log. */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class SecretsNotLoggedTest {

    @Test
    void theLogOfTheWholeRunHoldsNoSecret() throws Exception {
        Path log = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(log));
        String text = Files.readString(log);
        assertTrue(text.contains("Embedded PostgreSQL ready") || text.contains("SnapGPU is ready"), "the log is the real one");
        List<String> secrets = new ArrayList<>(TestAuth.SECRETS);
        Path dataDir = Path.of("target/snapgpu-test-data");
        Properties s3 = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("s3/credentials.properties"))) {
            s3.load(in);
        }
        secrets.add(s3.getProperty("secret-access-key"));
        secrets.add(Files.readString(dataDir.resolve("master.key")).strip());
        assertTrue(secrets.size() > 4);
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret is in the log: " + secret.substring(0, 4) + "…");
        }
    }
}
