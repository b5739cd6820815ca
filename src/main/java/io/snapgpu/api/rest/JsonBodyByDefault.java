package io.snapgpu.api.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST body is JSON: a request body sent without a Content-Type, as
 * {@code application/x-www-form-urlencoded} (what {@code curl -d '{...}'} sends) or as {@code text/plain}
 * is read as JSON, so the documented curl examples work as pasted (a form body answered 415 with no body;
 * a text/plain one was taken whole as the value of a one-field body). Any other type still answers 415
 * (a problem detail that says to send {@code Content-Type: application/json},
 * {@link ProblemMappers#unsupportedMediaType}); a body that is not JSON answers 400.
 *
 * <p>Only for requests without an {@code Origin} header, i.e. not from a browser page: browsers send
 * {@code Origin} with every POST, and a page on another site may submit a form-encoded body without a CORS
 * preflight (a form, or text/plain), which a strict JSON Content-Type otherwise keeps out of the API (login
 * CSRF and the like).
 * The web UI sends {@code application/json} itself.
 */
public class JsonBodyByDefault {
    private static final Set<String> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @ServerRequestFilter(preMatching = true)
    public void jsonUnlessSaidOtherwise(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod()) || request.getHeaderString("Origin") != null
                || !request.getUriInfo().getPath().startsWith("/api/v1/")) {
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || type.isBlank() || isLoose(type)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /** What curl -d and REST clients send unless told the type: a form, or text/plain. */
    private static boolean isLoose(String type) {
        try {
            MediaType media = MediaType.valueOf(type);
            String bare = (media.getType() + "/" + media.getSubtype()).toLowerCase(Locale.ROOT);
            return bare.equals(MediaType.APPLICATION_FORM_URLENCODED) || bare.equals(MediaType.TEXT_PLAIN);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
