package io.snapgpu.support;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Snapshots as a user takes them over the REST API. */
public final class Snapshots {
    private Snapshots() {
    }

    /** A daily backup policy of the whole workspace on {@code instanceId}, then a manual snapshot, waited for until SUCCEEDED. */
    public static String withPolicy(String key, String instanceId, Duration timeout) throws InterruptedException {
        TestAuth.bearer(key).contentType(ContentType.JSON)
                .body(Map.of("instance_id", instanceId, "frequency_minutes", 1440, "retention_days", 7, "exclude_paths", List.of()))
                .post("/api/v1/snapshots/config").then().statusCode(200);
        String id = TestAuth.bearer(key).contentType(ContentType.JSON).body(Map.of("instance_id", instanceId))
                .post("/api/v1/snapshots").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> s = TestAuth.bearer(key).get("/api/v1/snapshots/" + id).then().extract().as(Map.class);
            if ("SUCCEEDED".equals(s.get("status"))) {
                return id;
            }
            assertNotEquals("FAILED", s.get("status"), s.toString());
            Thread.sleep(100);
        }
        throw new AssertionError("snapshot not done");
    }
}
