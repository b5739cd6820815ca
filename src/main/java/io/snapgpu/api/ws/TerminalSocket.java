package io.snapgpu.api.ws;

import io.snapgpu.access.TerminalSessions;
import io.snapgpu.access.UserKeyService;
import io.snapgpu.instance.InstanceService;
import io.snapgpu.security.AccountRepository;
import io.snapgpu.security.Caller;
import io.snapgpu.security.TokenAuthenticationMechanism;
import io.snapgpu.security.Tokens;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/instances/{id}/terminal?cols=C&rows=R}, upgraded to a WebSocket: a terminal on
 * that machine (see {@link TerminalSessions} for the protocol). Authenticated like every API call,
 * by the session cookie or {@code Authorization: Bearer}; refused before the upgrade with 401
 * without them, 403 from a page of another origin (a cookie alone must not open a shell for another
 * site), 404 for a machine the caller's tenant does not have, 409 for one that is not ready.
 */
@ApplicationScoped
public class TerminalSocket {
    public static final String PATH = "/api/v1/instances/:id/terminal";

    private final AccountRepository accounts;
    private final InstanceService instances;
    private final TerminalSessions sessions;

    public TerminalSocket(AccountRepository accounts, InstanceService instances, TerminalSessions sessions) {
        this.accounts = accounts;
        this.instances = instances;
        this.sessions = sessions;
    }

    void routes(@Observes Router router) {
        router.get(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            refuse(ctx, 400, "this is a WebSocket endpoint: connect with a WebSocket client");
            return;
        }
        if (!sameOrigin(ctx)) {
            refuse(ctx, 403, "a terminal can only be opened from SnapGPU's own pages");
            return;
        }
        String token = TokenAuthenticationMechanism.token(ctx);
        if (token == null) {
            refuse(ctx, 401, "log in, or send an API key as Authorization: Bearer");
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            refuse(ctx, 400, "id: must be a UUID");
            return;
        }
        int cols = size(ctx.request().getParam("cols"), 80);
        int rows = size(ctx.request().getParam("rows"), 24);
        ctx.request().pause();
        accounts.callerForToken(Tokens.hash(token))
                .chain(caller -> caller.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(Optional.<Found>empty())
                        : instances.find(caller.get(), id).map(i -> Optional.of(new Found(caller.get(), i))))
                .subscribe().with(found -> {
                    ctx.request().resume();
                    if (found.isEmpty()) {
                        refuse(ctx, 401, "unknown, revoked or expired token");
                    } else if (found.get().instance() == null) {
                        refuse(ctx, 404, "your tenant has no machine " + id);
                    } else if (!UserKeyService.reachable(found.get().instance())) {
                        refuse(ctx, 409, "machine " + id + " is " + found.get().instance().status.name().toLowerCase()
                                + ": a terminal opens once it is ready");
                    } else {
                        ctx.request().toWebSocket().onSuccess(ws -> sessions.open(found.get().caller(),
                                found.get().instance(), cols, rows, ws))
                                .onFailure(e -> { });
                    }
                }, e -> {
                    ctx.request().resume();
                    refuse(ctx, 500, "could not check the request: " + e.getMessage());
                });
    }

    private record Found(Caller caller, io.snapgpu.instance.Instance instance) {
    }

    static int size(String v, int dflt) {
        try {
            int n = v == null ? dflt : Integer.parseInt(v);
            return n < 1 || n > 1000 ? dflt : n;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** No Origin (a script, not a browser), or the page's origin is the host it asked. */
    static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.request().getHeader("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("status", status).put("title", "Terminal refused").put("detail", detail).encode());
    }
}
