package io.snapgpu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.support.TestAuth;
import org.junit.jupiter.api.Test;

/** The app on its embedded defaults: real PostgreSQL, real S3 server, real restic. */
@QuarkusTest
class SystemApiTest {

    @Test
    void healthIsUpWithEveryComponentCheck() {
        given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "object-store", "restic"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.detail", startsWith("PostgreSQL 17"))
                .body("checks.find { it.name == 'database' }.data.embedded", equalTo(true))
                .body("checks.find { it.name == 'object-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'object-store' }.data.embedded", equalTo(true))
                .body("checks.find { it.name == 'machine-credentials' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'machine-credentials' }.data.detail",
                        startsWith("BUCKET_KEY: the bucket's key, since the object store is on this computer"))
                .body("checks.find { it.name == 'restic' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'restic' }.data.detail", startsWith("restic 0."));
    }

    @Test
    void graphqlAnswersTheSystemQuery() {
        TestAuth.admin().contentType(ContentType.JSON)
                .body("{\"query\":\"{ system { up resticVersion components { name up embedded detail } } }\"}")
                .when().post("/graphql").then()
                .statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.system.up", equalTo(true))
                .body("data.system.components.name", hasItems("database", "object-store", "restic"))
                .body("data.system.resticVersion", org.hamcrest.Matchers.matchesPattern("\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void restAnswersTheSameStatus() {
        TestAuth.admin().when().get("/api/v1/system").then()
                .statusCode(200)
                .body("up", equalTo(true))
                .body("components.find { it.name == 'object-store' }.detail", containsString("bucket 'snapgpu'"));
    }

    @Test
    void schemaOpenApiAndMetricsAreServed() {
        given().when().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("system: SystemStatus"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/system"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void graphqlRejectsAnUnknownFieldWithAClearError() {
        TestAuth.admin().contentType(ContentType.JSON)
                .body("{\"query\":\"{ system { nonsense } }\"}")
                .when().post("/graphql").then()
                .statusCode(200)
                .body("errors[0].message", containsString("nonsense"));
    }
}
