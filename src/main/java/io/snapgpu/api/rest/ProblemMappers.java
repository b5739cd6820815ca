package io.snapgpu.api.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.snapgpu.provider.ProviderException;
import io.snapgpu.security.ForbiddenException;
import io.snapgpu.security.TooManyAttemptsException;
import io.snapgpu.validation.InputException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain errors as RFC 9457 problem details; the same exceptions become GraphQL error codes. */
public class ProblemMappers {
    public static final MediaType PROBLEM = new MediaType("application", "problem+json");

    public static Response problem(int status, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        return Response.status(status).type(PROBLEM).entity(body).build();
    }

    /**
     * {@code errors} names every refused field ({@code [{field, message}]}) as the REST client spells it
     * (snake_case; GraphQL names the same fields in camelCase); {@code field} is the first.
     */
    @ServerExceptionMapper
    public Response invalid(InputException e) {
        List<Map<String, String>> errors = e.errors().stream()
                .map(f -> Map.of("field", RestJson.snakeCase(f.field()), "message", f.message())).toList();
        String detail = errors.stream().map(f -> f.get("field") + ": " + f.get("message"))
                .collect(java.util.stream.Collectors.joining("; "));
        return problem(400, "Invalid input", detail, Map.of("field", RestJson.snakeCase(e.field()), "errors", errors));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", e.getMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response throttled(TooManyAttemptsException e) {
        return Response.fromResponse(problem(429, "Too many attempts", e.getMessage(), Map.of()))
                .header("Retry-After", "60").build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return problem(401, "Unauthorized", "wrong username or password", Map.of());
    }

    @ServerExceptionMapper
    public Response provider(ProviderException e) {
        int status = e.kind() == ProviderException.Kind.OFFER_UNAVAILABLE ? 409 : 502;
        return problem(status, "Provider error", e.getMessage(), Map.of("provider", e.provider(), "kind", e.kind().name()));
    }

    /** A body of a type the API does not read (JSON without a Content-Type is read, {@link JsonBodyByDefault}). */
    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return problem(415, "Unsupported Media Type", "the request body must be JSON, sent with the header "
                + "'Content-Type: application/json' (curl: -H 'Content-Type: application/json' -d '{...}'); this "
                + "request sent " + (sent == null ? "no Content-Type" : "Content-Type: " + sent),
                Map.of("accepted", MediaType.APPLICATION_JSON));
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage(), Map.of());
    }

    /** Thrown by resources when the caller's tenant has no such object (another tenant's looks the same). */
    public static class NotFound extends RuntimeException {
        public NotFound(String what) {
            super(what + " not found");
        }
    }
}
