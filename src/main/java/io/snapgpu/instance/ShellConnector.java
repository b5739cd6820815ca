package io.snapgpu.instance;

import io.snapgpu.db.Db;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ssh.HostKeyRecorder;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.shell.ssh.SshKeys;
import io.snapgpu.shell.ssh.SshShell;
import io.snapgpu.shell.ssh.SshShellFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shell of a rented machine: SSH to the host and port its provider reports, the same for every
 * provider (the embedded marketplace's machines are SSH hosts too). One SSH shell per machine. The
 * machine's host key is pinned on its row ({@link Instance#hostKey}): the first key any replica
 * records wins, and every shell made later (after a restart, on another replica, for a new address of
 * the machine) starts from it, so a machine that presents another key is refused.
 */
@ApplicationScoped
public class ShellConnector {
    /** How long pinning a first host key may take: the login that waits for it has its own deadline too. */
    static final Duration RECORD_TIMEOUT = Duration.ofSeconds(15);

    private final ProviderRegistry providers;
    private final SshShellFactory ssh;
    private final SshIdentity identity;
    private final Db db;
    private final InstanceRepository instances;
    private final Map<String, SshShell> sshShells = new ConcurrentHashMap<>();

    public ShellConnector(ProviderRegistry providers, SshShellFactory ssh, SshIdentity identity, Db db,
            InstanceRepository instances) {
        this.providers = providers;
        this.ssh = ssh;
        this.identity = identity;
        this.db = db;
        this.instances = instances;
    }

    /**
     * The shell of {@code instance}, which its provider reports as {@code machine} now. Empty when the
     * machine cannot take commands (gone, or no SSH address known yet); a gone machine's shell is
     * closed and forgotten.
     */
    public Optional<InstanceShell> shellFor(Instance instance, ProviderInstance machine) {
        if (machine.state() == ProviderInstance.State.GONE) {
            forget(machine.provider(), machine.id());
            return Optional.empty();
        }
        if (machine.sshHost() == null || machine.sshPort() == null) {
            return Optional.empty();
        }
        String key = machine.provider() + "/" + machine.id();
        SshShell known = sshShells.get(key);
        if (known != null && known.target().endsWith(target(machine))) {
            return Optional.of(known);
        }
        // a new machine, or one whose SSH address changed (its host rebooted): a shell for where it is now,
        // starting from the key this shell or the row has pinned
        PublicKey pinned = known != null && known.knownHostKey().isPresent() ? known.knownHostKey().get()
                : instance.hostKey == null ? null : SshKeys.parsePublicKeyLine(instance.hostKey);
        GpuProvider provider = providers.require("provider", machine.provider());
        SshShell fresh = ssh.create(machine.sshHost(), machine.sshPort(), provider.sshUser(machine), identity.loaded(),
                provider.workspaceRoot(machine), SshShellFactory.DEFAULT_CONNECT_TIMEOUT, pinned, recorder(instance.id));
        SshShell previous = sshShells.put(key, fresh);
        if (previous != null && previous != fresh) {
            previous.close();
        }
        return Optional.of(fresh);
    }

    /**
     * Pins a first key on the row (runs on the SSH blocking executor, after login, before any command):
     * the key on the row afterwards is the one required, whoever wrote it.
     */
    private HostKeyRecorder recorder(UUID instanceId) {
        return offered -> {
            String pinned = db.tx(() -> instances.recordHostKey(instanceId, SshKeys.publicKeyLine(offered, null)))
                    .await().atMost(RECORD_TIMEOUT);
            if (pinned == null) {
                throw new IllegalStateException("SnapGPU has no record of this machine");
            }
            return SshKeys.parsePublicKeyLine(pinned);
        };
    }

    private static String target(ProviderInstance m) {
        return "@" + m.sshHost() + ":" + m.sshPort();
    }

    /** Forget (and close) the shell of a destroyed machine. */
    public void forget(String provider, String providerInstanceId) {
        if (providerInstanceId == null) {
            return;
        }
        SshShell s = sshShells.remove(provider + "/" + providerInstanceId);
        if (s != null) {
            s.close();
        }
    }
}
