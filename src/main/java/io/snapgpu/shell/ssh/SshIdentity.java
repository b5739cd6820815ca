package io.snapgpu.shell.ssh;

import io.smallrye.mutiny.Uni;
import io.snapgpu.security.SecretBox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;

/**
 * The key pair SnapGPU logs in to rented machines with: generated once, kept encrypted in the
 * database (so every replica uses the same one), its public half installed on each machine at create.
 */
@ApplicationScoped
public class SshIdentity {
    private static final String NAME = "ssh-identity";

    private final Pool pool;
    private final SecretBox box;
    private volatile KeyPair keyPair;

    public SshIdentity(Pool pool, SecretBox box) {
        this.pool = pool;
        this.box = box;
    }

    public Uni<KeyPair> keyPair() {
        KeyPair k = keyPair;
        if (k != null) {
            return Uni.createFrom().item(k);
        }
        // RSA: the JDK's own classes. An Ed25519 key goes through BouncyCastle, which is registered
        // JVM-wide by whichever class loader came first, and breaks after a dev-mode or test restart.
        KeyPair fresh = SshKeys.generate(SshKeys.Type.RSA);
        byte[] sealed = box.encrypt(SshKeys.toOpenSshPrivateKey(fresh), NAME);
        // insert-or-keep: when two replicas race, both end up with the stored one
        return pool.preparedQuery("insert into system_secret (name, value) values ($1, $2) on conflict (name) do nothing")
                .execute(Tuple.of(NAME, sealed))
                .chain(() -> pool.preparedQuery("select value from system_secret where name = $1").execute(Tuple.of(NAME)))
                .map(rows -> {
                    KeyPair stored = SshKeys.parseOpenSshPrivateKey(box.decrypt(rows.iterator().next().getBuffer(0)
                            .getBytes(), NAME));
                    keyPair = stored;
                    return stored;
                });
    }

    /** The key loaded at startup (StartupChecks), for callers that must not wait. */
    public KeyPair loaded() {
        KeyPair k = keyPair;
        if (k == null) {
            throw new IllegalStateException("the SSH identity is loaded at startup; it is not yet");
        }
        return k;
    }

    public String publicKeyLine() {
        return SshKeys.publicKeyLine(loaded().getPublic());
    }
}
