package io.snapgpu.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web UI's operations are typed from frontend/schema.graphql (GraphQL Code Generator). That file must
 * be exactly what the server serves, or the UI compiles against an API that no longer exists.
 */
@QuarkusTest
class GraphQLSchemaFileTest {
    private static final Path COMMITTED = Path.of("frontend/schema.graphql");

    @Test
    void theCommittedSchemaIsWhatTheServerServes() throws Exception {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (!served.equals(committed)) {
            // what to compare with, or copy over: target/served-schema.graphql
            Files.writeString(Path.of("target/served-schema.graphql"), served, StandardCharsets.UTF_8);
        }
        assertEquals(served, committed, COMMITTED + " differs from the server's /graphql/schema.graphql. Refresh it and"
                + " the generated types: start the app, then `cd frontend && npm run schema -- http://localhost:8080"
                + " && npm run codegen`, and commit both.");
    }
}
