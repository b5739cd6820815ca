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
        // Read first: generating an RSA key costs hundreds of milliseconds of CPU (more on a busy
        // machine), which every start but the very first would throw away.
        return stored().chain(found -> found != null ? Uni.createFrom().item(found) : generateAndStore())
                .invoke(stored -> keyPair = stored);
    }

    private Uni<KeyPair> generateAndStore() {
        // RSA: the JDK's own classes. An Ed25519 key goes through BouncyCastle, which is registered
        // JVM-wide by whichever class loader came first, and breaks after a dev-mode or test restart.
        // Generated on a worker thread: this continues on the pool's event loop, which must not block.
        return Uni.createFrom().item(() -> box.encrypt(SshKeys.toOpenSshPrivateKey(SshKeys.generate(SshKeys.Type.RSA)), NAME))
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                // insert-or-keep: when two replicas race, both end up with the stored one
                .chain(sealed -> pool.preparedQuery("insert into system_secret (name, value) values ($1, $2)"
                        + " on conflict (name) do nothing").execute(Tuple.of(NAME, sealed)))
                .chain(this::stored);
    }

    /** The stored key pair, or null when none is stored yet. */
    private Uni<KeyPair> stored() {
        return pool.preparedQuery("select value from system_secret where name = $1").execute(Tuple.of(NAME))
                .map(rows -> rows.size() == 0 ? null : SshKeys.parseOpenSshPrivateKey(
                        box.decrypt(rows.iterator().next().getBuffer(0).getBytes(), NAME)));
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
