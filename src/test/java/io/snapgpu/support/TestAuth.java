package io.snapgpu.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Credentials for tests; every secret a test creates is recorded so the log scan can look for it. */
public final class TestAuth {
    public static final String ADMIN_KEY = "sgk_test_admin_key_0123456789abcdefghijklmnop";
    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    public static final List<String> SECRETS = new CopyOnWriteArrayList<>(List.of(ADMIN_KEY, ADMIN_PASSWORD));

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
        String password = "pw-" + username + "-0123456789";
        SECRETS.add(password);
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "tenant", tenant))
                .post("/api/v1/users").then().statusCode(201);
        String cookie = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().cookie("snapgpu_session");
        SECRETS.add(cookie);
        String token = given().cookie("snapgpu_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("name", username + " key")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("token");
        SECRETS.add(token);
        return token;
    }
}
