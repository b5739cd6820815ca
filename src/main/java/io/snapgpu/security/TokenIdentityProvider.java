package io.snapgpu.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A token is valid when its hash is a live API key or session of an enabled user. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final AccountRepository accounts;

    public TokenIdentityProvider(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return accounts.callerForToken(Tokens.hash(request.getToken().getToken()))
                .map(caller -> caller.<SecurityIdentity>map(c -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(c.username()))
                        .addRole(c.role().name().toLowerCase())
                        .addAttribute(Caller.ATTRIBUTE, c)
                        .build())
                        .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired token")));
    }
}
