package io.snapgpu.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;

/** Credentials for tests; every secret a test creates is recorded so the log scan can look for it. */
public final class TestAuth {
    public static final String ADMIN_KEY = "sgk_test_admin_key_0123456789abcdefghijklmnop";
    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    /** Every secret the tests use, appended here; SecretsNotLoggedIT looks for each in the run's log. */
    public static final java.nio.file.Path SECRETS_FILE = java.nio.file.Path.of("target/test-secrets.txt");

    /** Every API answer the tests received (but the one-time display of a new API key), for the same scan. */
    public static final java.nio.file.Path ANSWERS_FILE = java.nio.file.Path.of("target/test-api-answers.txt");

    static {
        remember(ADMIN_KEY);
        remember(ADMIN_PASSWORD);
        io.restassured.RestAssured.filters((request, response, ctx) -> {
            io.restassured.response.Response answer = ctx.next(request, response);
            boolean issuesKey = request.getURI().contains("/api/v1/api-keys") && "POST".equals(request.getMethod())
                    || String.valueOf((Object) request.getBody()).contains("createApiKey");
            if (!issuesKey) {
                record(request.getMethod() + " " + request.getURI() + "\n" + answer.asString() + "\n");
            }
            return answer;
        });
    }

    private static synchronized void record(String answer) {
        try {
            java.nio.file.Files.writeString(ANSWERS_FILE, answer.length() > 200_000 ? answer.substring(0, 200_000) : answer,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static synchronized void remember(String secret) {
        try {
            java.nio.file.Files.writeString(SECRETS_FILE, secret + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestAuth() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    public static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A GraphQL request body. */
    public static Map<String, Object> gql(String query, Map<String, Object> variables) {
        return variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables);
    }

    /** Creates a user in {@code tenant} (as admin) and returns an API key of theirs. */
    public static String userKey(String username, String tenant) {
        return userKey(username, tenant, "MEMBER");
    }

    /** Creates a user with {@code role} (MEMBER or ADMIN) in {@code tenant} and returns an API key of theirs. */
    public static String userKey(String username, String tenant, String role) {
        String password = "pw-" + username + "-0123456789";
        remember(password);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "tenant", tenant, "role", role))
                .post("/api/v1/users").then().statusCode(201);
        String cookie = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().cookie("snapgpu_session");
        remember(cookie);
        String token = given().cookie("snapgpu_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("name", username + " key")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("token");
        remember(token);
        return token;
    }

    /** Polls GET /api/v1/instances/{id} until its status is {@code wanted} (or the time is up). */
    public static String awaitInstanceStatus(String key, String id, String wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = bearer(key).get("/api/v1/instances/" + id).then().statusCode(200).extract().path("status");
            if (wanted.equals(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        return status;
    }
}
