package io.snapgpu.api.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.security.AccountService;
import io.snapgpu.security.Caller;
import io.snapgpu.security.TokenAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;

/** Browser login: a session cookie (HttpOnly, SameSite=Strict). Scripts use API keys instead. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public AuthResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    public record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[" + username + "]";
        }
    }

    public record Me(String username, String tenantId, String role) {
        static Me of(Caller c) {
            return new Me(c.username(), c.tenantId().toString(), c.role().name());
        }
    }

    public record LoginResult(String username, String tenantId, String role, OffsetDateTime expiresAt) {
    }

    @POST
    @Path("/login")
    public Uni<Response> login(LoginRequest body, @Context HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        return accounts.login(body == null ? null : body.username(), body == null ? null : body.password(), address)
                .map(s -> Response.ok(new LoginResult(s.caller().username(), s.caller().tenantId().toString(),
                        s.caller().role().name(), s.expiresAt()))
                        .cookie(new NewCookie.Builder(TokenAuthenticationMechanism.SESSION_COOKIE).value(s.token())
                                .path("/").httpOnly(true).secure("https".equals(request.scheme()))
                                .sameSite(NewCookie.SameSite.STRICT).maxAge(12 * 3600).build())
                        .build());
    }

    @POST
    @Path("/logout")
    public Uni<Response> logout(@CookieParam(TokenAuthenticationMechanism.SESSION_COOKIE) String session) {
        return accounts.logout(session).map(v -> Response.noContent()
                .cookie(new NewCookie.Builder(TokenAuthenticationMechanism.SESSION_COOKIE).value("").path("/")
                        .maxAge(0).httpOnly(true).build())
                .build());
    }

    @GET
    @Path("/me")
    public Me me() {
        return Me.of(Caller.of(identity));
    }
}
