package io.snapgpu.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.snapgpu.support.TestAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

/** Hostile input gets a clear error naming the field, runs nothing and stores nothing. */
@QuarkusTest
class HostileInputTest {
    static final Path PWNED = Path.of("/tmp/pwned");
    static final List<String> HOSTILE = List.of("; rm -rf /", "$(touch /tmp/pwned)", "`touch /tmp/pwned`",
            "line one\nline two", "--password-file=/etc/shadow", "nul\u0000byte", "../../etc/passwd", "a|b&c>d");

    private int apiKeyCount() {
        return TestAuth.admin().get("/api/v1/api-keys").then().statusCode(200).extract().path("size()");
    }

    @Test
    void everyHostileApiKeyNameIsRefusedOverGraphqlAndRest() throws Exception {
        Files.deleteIfExists(PWNED);
        int before = apiKeyCount();
        for (String evil : HOSTILE) {
            TestAuth.admin().contentType(ContentType.JSON)
                    .body(TestAuth.gql("mutation($n: String!) { createApiKey(name: $n) { id } }", Map.of("n", evil)))
                    .post("/graphql").then().statusCode(200)
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].message", containsString("name:"));
            TestAuth.admin().contentType(ContentType.JSON).body(Map.of("name", evil))
                    .post("/api/v1/api-keys").then().statusCode(400)
                    .body("field", equalTo("name"))
                    .body("detail", containsString("letters, digits"));
        }
        assertEquals(before, apiKeyCount(), "nothing stored");
        assertFalse(Files.exists(PWNED), "nothing executed");
    }

    @Test
    void hostileUsersAndTenantsAreRefused() {
        for (String evil : HOSTILE) {
            TestAuth.admin().contentType(ContentType.JSON)
                    .body(Map.of("username", evil, "password", "long-enough-password", "tenant", "ok"))
                    .post("/api/v1/users").then().statusCode(400).body("field", equalTo("username"));
            TestAuth.admin().contentType(ContentType.JSON)
                    .body(Map.of("username", "evil-tenant-user", "password", "long-enough-password", "tenant", evil))
                    .post("/api/v1/users").then().statusCode(400).body("field", equalTo("tenant"));
        }
        TestAuth.admin().contentType(ContentType.JSON)
                .body(Map.of("username", "short-pw", "password", "short", "tenant", "ok"))
                .post("/api/v1/users").then().statusCode(400).body("field", equalTo("password"))
                .body("detail", containsString("12 to 200 characters"));
        given().contentType(ContentType.JSON).body(Map.of("username", "evil-tenant-user", "password", "long-enough-password"))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void tenMegabyteBodiesAndDeepQueriesAreRefused() throws Exception {
        String huge = "x".repeat(10 * 1024 * 1024);
        int before = apiKeyCount();
        assertEquals(413, postWithExpectContinue("/api/v1/api-keys", "{\"name\":\"" + huge + "\"}"));
        assertEquals(413, postWithExpectContinue("/graphql",
                "{\"query\":\"mutation { createApiKey(name: \\\"" + huge + "\\\") { id } }\"}"));
        assertEquals(before, apiKeyCount());

        String deep = "{ system { components { name } } }";
        StringBuilder nested = new StringBuilder("{ __schema { types { fields { type { ");
        for (int i = 0; i < 30; i++) {
            nested.append("ofType { ");
        }
        nested.append("name ");
        nested.append("} ".repeat(30)).append("} } } } }");
        TestAuth.admin().contentType(ContentType.JSON).body(TestAuth.gql(deep, null)).post("/graphql")
                .then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
        Response r = TestAuth.admin().contentType(ContentType.JSON).body(TestAuth.gql(nested.toString(), null))
                .post("/graphql");
        assertTrue(r.statusCode() < 500);
        r.then().body("errors[0].message", anyOf(containsString("depth"), containsString("maximum")));
    }

    /** Property-based: arbitrary strings as a name never cause a 5xx, and what is stored is what was checked. */
    @Test
    void arbitraryNamesNeverBreakTheServerOrStoreGarbage() {
        List<String> samples = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(120)
                .sampleStream().limit(150).toList();
        for (String name : samples) {
            Response r = TestAuth.admin().contentType(ContentType.JSON)
                    .body(TestAuth.gql("mutation($n: String!) { createApiKey(name: $n) { id name } }", Map.of("n", name)))
                    .post("/graphql");
            assertTrue(r.statusCode() < 500, "status " + r.statusCode() + " for " + escape(name));
            String stored = r.path("data.createApiKey.name");
            if (stored != null) {
                assertEquals(name.strip(), stored);
                assertTrue(stored.matches("[\\p{L}\\p{N} ._@-]{1,100}"), "stored garbage: " + escape(stored));
            } else {
                assertEquals("INVALID_INPUT", r.path("errors[0].extensions.code"), escape(name) + " -> " + r.asString());
            }
        }
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    /** The way a well-behaved client sends a big body: the server can refuse it before it is sent. */
    private int postWithExpectContinue(String path, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(base.resolve(path)).expectContinue(true)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + TestAuth.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
