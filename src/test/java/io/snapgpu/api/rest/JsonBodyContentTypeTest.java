package io.snapgpu.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.snapgpu.support.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README's curl examples send JSON with no Content-Type or as a form ({@code curl -d}); the API reads it. */
@QuarkusTest
class JsonBodyContentTypeTest {
    @TestHTTPResource("/api/v1/users")
    URI users;

    @Test
    void aJsonBodyWithoutContentTypeIsReadAsJson() throws Exception {
        String user = "no-type-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + user + "-0123456789";
        TestAuth.remember(password);
        // java.net.http sends no Content-Type unless told (REST Assured always sends one with a body)
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(users)
                .header("Authorization", "Bearer " + TestAuth.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"tenant\":\"" + user + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(user, JsonPath.from(created.body()).getString("username"));
        assertEquals("MEMBER", JsonPath.from(created.body()).getString("role"));

        // exactly what `curl -X POST localhost:8080/api/v1/auth/login -d '{...}'` sends
        String cookie = given().contentType("application/x-www-form-urlencoded")
                .body("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(200).body("username", equalTo(user)).extract().cookie("snapgpu_session");
        TestAuth.remember(cookie);
    }

    @Test
    void aFormEncodedBodyThatIsNotJsonIsABadRequestNotA415() {
        TestAuth.admin().contentType("application/x-www-form-urlencoded").body("name=my-key")
                .post("/api/v1/api-keys")
                .then().statusCode(400);
    }

    @Test
    void aTextPlainBodyIsReadAsJsonNotTakenWholeAsTheOnlyField() {
        TestAuth.admin().contentType("text/plain").body("{\"name\":\"plain key\"}").post("/api/v1/api-keys")
                .then().statusCode(201).body("name", equalTo("plain key"));
    }

    @Test
    void anyOtherContentTypeAnswersAProblemDetailSayingToSendJson() {
        TestAuth.admin().contentType("application/octet-stream").body("{\"name\":\"k\"}".getBytes())
                .post("/api/v1/api-keys")
                .then().statusCode(415)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(415))
                .body("title", equalTo("Unsupported Media Type"))
                .body("detail", containsString("Content-Type: application/json"))
                .body("detail", containsString("Content-Type: application/octet-stream"))
                .body("accepted", equalTo("application/json"));
    }

    @Test
    void aBrowserPagesFormPostIsNotTakenForJson() {
        // a page on another site can post a form without a CORS preflight; it must not reach the login
        given().header("Origin", "https://elsewhere.example").contentType("application/x-www-form-urlencoded")
                .body("{\"username\":\"admin\",\"password\":\"" + TestAuth.ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(415).body("detail", containsString("Content-Type: application/json"));
    }
}
