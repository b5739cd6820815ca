package io.snapgpu.restore;

import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.snapgpu.support.CurrentRestic;
import io.snapgpu.support.TestAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Every restore scenario of {@link RestoreTest} again with current restic (0.16+), whose restore
 * reports its own progress (JSON) where 0.14's is measured on disk, and whose backup summary
 * carries the full snapshot id.
 */
@QuarkusTest
@TestProfile(CurrentRestic.Profile.class)
@EnabledIf("io.snapgpu.support.CurrentRestic#available")
class RestoreWithCurrentResticTest extends RestoreTest {

    @Test
    void theAppRunsCurrentRestic() {
        TestAuth.admin().get("/api/v1/system").then().statusCode(200).body("restic_version", startsWith("0.1"))
                .body("restic_version", org.hamcrest.Matchers.not(startsWith("0.14")));
    }
}
