package io.snapgpu.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.snapgpu.support.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {
    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void withoutCredentialsRestAndGraphqlAnswer401ButHealthIsOpen() {
        for (String path : List.of("/api/v1/system", "/api/v1/api-keys", "/api/v1/auth/me", "/api/v1/offers",
                "/api/v1/host-stats")) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"snapgpu\"");
        }
        for (String query : List.of("{ system { up } }", "{ hostStats { hostId } }", "{ offers { total } }")) {
            given().contentType(ContentType.JSON).body(TestAuth.gql(query, null)).post("/graphql").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(TestAuth.gql("mutation { createApiKey(name: \"x\") { token } }", null))
                .post("/graphql").then().statusCode(401);
        // the race preview starts nothing, reads no tenant's data, and still needs a caller
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/races/preview").then().statusCode(401);
        given().contentType(ContentType.JSON).body(TestAuth.gql("{ launchRacePreview(input: {}) { worstCaseCost } }",
                null)).post("/graphql").then().statusCode(401);
        given().get("/q/health").then().statusCode(200);
        TestAuth.bearer("sgk_made_up_token_that_does_not_exist").get("/api/v1/system").then().statusCode(401);
    }

    @Test
    void theConfiguredAdminKeyAndALoginSessionWork() {
        TestAuth.admin().get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("admin")).body("role", equalTo("ADMIN"));
        String cookie = given().contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", TestAuth.ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200)
                .header("Set-Cookie", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("HttpOnly"),
                        org.hamcrest.Matchers.containsString("SameSite=Strict")))
                .extract().cookie("snapgpu_session");
        TestAuth.remember(cookie);
        given().cookie("snapgpu_session", cookie).contentType(ContentType.JSON)
                .body(TestAuth.gql("{ me { username role } }", null)).post("/graphql").then().statusCode(200)
                .body("data.me.username", equalTo("admin"));
        given().cookie("snapgpu_session", cookie).post("/api/v1/auth/logout").then().statusCode(204);
        given().cookie("snapgpu_session", cookie).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void aWrongPasswordIs401AndRepeatedFailuresAreThrottled() {
        String user = "throttled-" + shortId();
        TestAuth.admin().contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "right-password-123", "tenant", "throttle-tenant"))
                .post("/api/v1/users").then().statusCode(201);
        TestAuth.remember("right-password-123");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "wrong-" + i))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", user, "password", "right-password-123"))
                .post("/api/v1/auth/login").then().statusCode(429).header("Retry-After", "60");
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody-at-all", "password", "whatever"))
                .post("/api/v1/auth/login").then().statusCode(401).body("detail", equalTo("wrong username or password"));
    }

    @Test
    void aRevokedKeyStopsWorking() {
        String token = TestAuth.admin().contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation { createApiKey(name: \"short lived\") { id token } }", null))
                .post("/graphql").then().statusCode(200).extract().path("data.createApiKey.token");
        String id = TestAuth.bearer(token).contentType(ContentType.JSON)
                .body(TestAuth.gql("{ apiKeys { id name tokenPrefix revoked } }", null)).post("/graphql")
                .then().statusCode(200).body("data.apiKeys.name", hasItem("short lived"))
                .extract().path("data.apiKeys.find { it.name == 'short lived' }.id");
        TestAuth.remember(token);
        TestAuth.bearer(token).get("/api/v1/system").then().statusCode(200);
        TestAuth.admin().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        TestAuth.bearer(token).get("/api/v1/system").then().statusCode(401);
        TestAuth.admin().delete("/api/v1/api-keys/" + id).then().statusCode(404);
    }

    @Test
    void membersCannotCreateUsers() {
        String member = TestAuth.userKey("member-" + shortId(), "member-tenant");
        TestAuth.bearer(member).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation { createUser(username: \"x2\", password: \"long-enough-pw\", tenant: \"t\") { username } }", null))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void tenantsNeitherSeeNorTouchEachOthersKeys() {
        String alice = TestAuth.userKey("alice-" + shortId(), "tenant-a");
        String bob = TestAuth.userKey("bob-" + shortId(), "tenant-b");
        String aliceKeyId = TestAuth.bearer(alice).get("/api/v1/api-keys").then().statusCode(200)
                .extract().path("[0].id");
        TestAuth.bearer(bob).get("/api/v1/api-keys").then().statusCode(200)
                .body("id", not(hasItem(aliceKeyId)));
        // another tenant's id answers exactly like an id that does not exist
        String foreign = TestAuth.bearer(bob).delete("/api/v1/api-keys/" + aliceKeyId).then().statusCode(404)
                .extract().path("title");
        String missing = TestAuth.bearer(bob).delete("/api/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404)
                .extract().path("title");
        assertEquals(missing, foreign);
        TestAuth.bearer(bob).contentType(ContentType.JSON)
                .body(TestAuth.gql("mutation($id: ID!) { revokeApiKey(id: $id) }", Map.of("id", aliceKeyId)))
                .post("/graphql").then().statusCode(200).body("data.revokeApiKey", equalTo(false));
        TestAuth.bearer(alice).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void subscriptionsOverWebSocketNeedCredentials() throws Exception {
        URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        HttpClient client = HttpClient.newHttpClient();
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                        .buildAsync(ws, new WebSocket.Listener() { }).join());
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, String.valueOf(refused.getCause()));
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        CompletableFuture<String> firstMessage = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + TestAuth.ADMIN_KEY)
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        firstMessage.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\"}", true);
        assertTrue(firstMessage.get(10, TimeUnit.SECONDS).contains("connection_ack"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void apiKeyListingsNeverCarryHashesOrTokens() {
        TestAuth.admin().get("/api/v1/api-keys").then().statusCode(200)
                .body("[0].token_prefix", notNullValue())
                .body(not(org.hamcrest.Matchers.containsString("token_hash")))
                .body(not(org.hamcrest.Matchers.containsString(TestAuth.ADMIN_KEY)));
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
