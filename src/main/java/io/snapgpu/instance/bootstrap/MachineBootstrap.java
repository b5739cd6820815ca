package io.snapgpu.instance.bootstrap;

import io.smallrye.mutiny.Uni;
import io.snapgpu.db.Db;
import io.snapgpu.restic.ResticVersion;
import io.snapgpu.security.UserKeyRepository;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ProcessEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Prepares a machine that answers over SSH, the same way on every provider: its workspace, the
 * provider's quirks (vast: {@code ~/.no_auto_tmux}), and SnapGPU's pinned restic in
 * {@code ~/.snapgpu/bin/restic}, SHA-256-checked on the machine. The machine fetches restic from the
 * bucket through a short-lived link; one that cannot gets it over SFTP. Done when the machine's own
 * {@code restic version} answers with the pinned version. Running it again on a prepared machine
 * only checks (the hash matches, nothing moves).
 */
@ApplicationScoped
public class MachineBootstrap {
    private static final Logger LOG = Logger.getLogger(MachineBootstrap.class);
    static final String BIN = "/.snapgpu/bin/restic";

    /** What differs between providers. */
    public record Quirks(boolean noAutoTmux) {
        public static Quirks of(String provider) {
            return new Quirks("vastai".equals(provider));
        }
    }

    private final PinnedRestic pinned;
    private final BootstrapConfig config;
    private final UserKeyRepository userKeys;

    private final Db db;

    public MachineBootstrap(PinnedRestic pinned, BootstrapConfig config, UserKeyRepository userKeys,
            Db db) {
        this.db = db;
        this.pinned = pinned;
        this.config = config;
        this.userKeys = userKeys;
    }

    /** How many failures for a passing reason a machine's bootstrap is allowed. */
    public int attempts() {
        return Math.max(1, config.attempts());
    }

    /**
     * Fails with {@link BootstrapFailedException} when the machine can never be made ready, and with
     * {@link CommandFailedException} for what may pass (the connection dropped).
     */
    public Uni<MachineRestic> prepare(InstanceShell shell, Quirks quirks) {
        return prepare(shell, quirks, List.of());
    }

    /**
     * As {@link #prepare(InstanceShell, Quirks)}, and the SSH public keys of the tenant's users are
     * installed alongside SnapGPU's own (every machine of a tenant is shared by its users).
     */
    public Uni<MachineRestic> prepare(InstanceShell shell, Quirks quirks, java.util.UUID tenantId) {
        // callers are on SSH I/O threads: the query runs on a Vert.x context of its own, as all database work does
        return db.read(() -> userKeys.linesForTenant(tenantId))
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .chain(keys -> prepare(shell, quirks, keys));
    }

    /** Replaces the users' keys on a running machine with {@code keys} (SnapGPU's own key and every other line stay). */
    public Uni<Integer> installUserKeys(InstanceShell shell, List<String> keys) {
        return run(shell, BootstrapScript.USER_KEYS, keyEnv(keys)).map(out -> out.value("user_keys").map(Integer::valueOf)
                .orElseThrow(() -> new CommandFailedException("installing SSH keys", 0, "the machine did not confirm")));
    }

    static Map<String, String> keyEnv(List<String> keys) {
        Map<String, String> env = new HashMap<>();
        env.put("SNAPGPU_USER_KEY_COUNT", Integer.toString(keys.size()));
        for (int i = 0; i < keys.size(); i++) {
            env.put("SNAPGPU_USER_KEY_" + (i + 1), keys.get(i));
        }
        return env;
    }

    Uni<MachineRestic> prepare(InstanceShell shell, Quirks quirks, List<String> keys) {
        return pinned.get().chain(binary -> pinned.downloadLink(binary).chain(link -> {
            Map<String, String> env = keyEnv(keys);
            env.put("SNAPGPU_WORKSPACE", shell.workspaceRoot());
            env.put("SNAPGPU_RESTIC_SHA256", binary.sha256());
            env.put("SNAPGPU_RESTIC_URL", link);
            if (quirks.noAutoTmux()) {
                env.put("SNAPGPU_NO_AUTO_TMUX", "1");
            }
            return run(shell, BootstrapScript.PREPARE, env).chain(out -> {
                String home = out.value("home").orElseThrow(() -> new BootstrapFailedException(
                        "the machine's shell did not say where its home is"));
                if (!home.startsWith("/")) {
                    throw new BootstrapFailedException("the machine's home is not an absolute path: " + home);
                }
                if (out.value("restic").filter("needs-upload"::equals).isEmpty()) {
                    return Uni.createFrom().item(out);
                }
                LOG.debugf("%s has no way to download restic: sending it over SFTP", shell);
                return shell.upload(binary.file(), home + "/.snapgpu/bin/restic.upload")
                        .chain(() -> run(shell, BootstrapScript.FINISH, Map.of("SNAPGPU_RESTIC_SHA256", binary.sha256())))
                        .map(finished -> finished.withHome(home));
            }).map(out -> checked(out, binary.version()));
        }));
    }

    private static MachineRestic checked(Output out, ResticVersion expected) {
        ResticVersion answered = out.version().orElseThrow(() -> new BootstrapFailedException(
                "the machine's restic did not answer `restic version`"));
        if (!answered.equals(expected)) {
            throw new BootstrapFailedException("the machine's restic answered version " + answered + ", not the pinned "
                    + expected);
        }
        return new MachineRestic(out.value("home").orElseThrow() + BIN, answered);
    }

    /** What a script printed: its key=value lines and restic's version line. */
    record Output(Map<String, String> values, Optional<ResticVersion> version) {
        Optional<String> value(String key) {
            return Optional.ofNullable(values.get(key));
        }

        Output withHome(String home) {
            Map<String, String> v = new HashMap<>(values);
            v.put("home", home);
            return new Output(v, version);
        }
    }

    private static Uni<Output> run(InstanceShell shell, String script, Map<String, String> env) {
        CommandSpec spec = new CommandSpec(List.of("sh", "-c", script, "snapgpu-bootstrap"), env, null);
        Map<String, String> values = new HashMap<>();
        List<String> stderr = new ArrayList<>();
        ResticVersion[] version = new ResticVersion[1];
        return shell.exec(spec).collect().in(() -> new int[] { -1 }, (code, e) -> {
            if (e instanceof ProcessEvent.Line l && l.stream() == ProcessEvent.Stream.STDOUT) {
                String t = l.text();
                int eq = t.indexOf('=');
                if (t.startsWith("restic ")) {
                    ResticVersion.parse(t).ifPresent(v -> version[0] = v);
                } else if (eq > 0) {
                    values.put(t.substring(0, eq), t.substring(eq + 1));
                }
            } else if (e instanceof ProcessEvent.Line l && stderr.size() < 20) {
                stderr.add(l.text());
            } else if (e instanceof ProcessEvent.Exit x) {
                code[0] = x.code();
            }
        }).map(code -> {
            if (code[0] != 0 && (code[0] < 20 || code[0] > 25)) {
                // not one of the scripts' own verdicts: the shell or the connection (may pass)
                throw new CommandFailedException("the bootstrap", code[0], String.join(" ", stderr).strip());
            }
            if (code[0] != 0) {
                String why = stderr.stream().filter(s -> s.startsWith("snapgpu: ")).map(s -> s.substring(9)).findFirst()
                        .orElse(String.join(" ", stderr).strip());
                throw new BootstrapFailedException("the bootstrap failed on the machine (exit " + code[0] + ")"
                        + (why.isEmpty() ? "" : ": " + why));
            }
            return new Output(values, Optional.ofNullable(version[0]));
        });
    }
}
