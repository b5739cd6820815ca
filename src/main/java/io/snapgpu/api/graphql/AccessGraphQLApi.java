package io.snapgpu.api.graphql;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.snapgpu.validation.Inputs;
import io.snapgpu.access.TerminalAudit;
import io.snapgpu.security.UserKeyRepository;
import io.snapgpu.access.UserKeyService;
import io.snapgpu.security.Caller;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The user's way into machines: their SSH keys and the audit list of terminal sessions. */
@GraphQLApi
public class AccessGraphQLApi {
    private final UserKeyService keys;
    private final TerminalAudit audit;
    private final SecurityIdentity identity;

    public AccessGraphQLApi(UserKeyService keys, TerminalAudit audit, SecurityIdentity identity) {
        this.keys = keys;
        this.audit = audit;
        this.identity = identity;
    }

    public record SshKey(@Id String id, String name, String keyType, int bits, String publicKey, String fingerprint,
            OffsetDateTime createdAt) {
        static SshKey of(UserKeyRepository.UserKey k) {
            return new SshKey(k.id().toString(), k.name(), k.keyType(), k.bits(), k.publicKey(), k.fingerprint(),
                    k.createdAt());
        }
    }

    public record KeyInstallation(@Id String instanceId, boolean installed, String error) {
    }

    public record AddedSshKey(SshKey key,
            @Description("Each ready machine of your tenant, and whether the key is on it now") List<KeyInstallation> machines) {
    }

    @Query("sshKeys")
    @Description("Your SSH public keys: every machine of your tenant accepts them")
    public Uni<List<SshKey>> sshKeys() {
        return keys.list(Caller.of(identity)).map(l -> l.stream().map(SshKey::of).toList());
    }

    @Mutation("addSshKey")
    @Description("Adds an OpenSSH public key (ed25519, ecdsa, rsa >= 2048 bits) and installs it on your tenant's ready machines")
    public Uni<AddedSshKey> addSshKey(String name, @NonNull String publicKey) {
        return keys.add(Caller.of(identity), name, publicKey).map(a -> new AddedSshKey(SshKey.of(a.key()),
                a.machines().stream().map(p -> new KeyInstallation(p.instanceId(), p.installed(), p.error())).toList()));
    }

    @Mutation("removeSshKey")
    @Description("True when removed (also from your tenant's ready machines); false when you have no such key")
    public Uni<Boolean> removeSshKey(@NonNull @Id String id) {
        return keys.remove(Caller.of(identity), Inputs.uuid("id", id));
    }

    @Query("terminalSessions")
    @Description("Browser terminal sessions on your tenant's machines, newest first: who, which machine, when, how long")
    public Uni<List<TerminalAudit.Entry>> terminalSessions(@DefaultValue("50") int limit) {
        return audit.list(Caller.of(identity), Inputs.range("limit", limit, 1, 500));
    }
}
