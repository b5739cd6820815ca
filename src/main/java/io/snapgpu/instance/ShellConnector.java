package io.snapgpu.instance;

import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.shell.ssh.SshShell;
import io.snapgpu.shell.ssh.SshShellFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shell of a rented machine: SSH to the host and port its provider reports, the same for every
 * provider (the embedded marketplace's machines are SSH hosts too). One SSH shell per machine, so the
 * host key seen first is the one required later.
 */
@ApplicationScoped
public class ShellConnector {
    private final ProviderRegistry providers;
    private final SshShellFactory ssh;
    private final SshIdentity identity;
    private final Map<String, SshShell> sshShells = new ConcurrentHashMap<>();

    public ShellConnector(ProviderRegistry providers, SshShellFactory ssh, SshIdentity identity) {
        this.providers = providers;
        this.ssh = ssh;
        this.identity = identity;
    }

    /** Empty when the machine cannot take commands (gone, or no SSH address known yet). */
    public Optional<InstanceShell> shellFor(ProviderInstance machine) {
        if (machine.sshHost() == null || machine.sshPort() == null || machine.state() == ProviderInstance.State.GONE) {
            return Optional.empty();
        }
        String key = machine.provider() + "/" + machine.id();
        SshShell known = sshShells.get(key);
        if (known != null && known.target().endsWith(target(machine))) {
            return Optional.of(known);
        }
        // a new machine, or one whose SSH address changed (its host rebooted): a shell for where it is now
        GpuProvider provider = providers.require("provider", machine.provider());
        SshShell fresh = ssh.create(machine.sshHost(), machine.sshPort(), provider.sshUser(machine), identity.loaded(),
                provider.workspaceRoot(machine), SshShellFactory.DEFAULT_CONNECT_TIMEOUT,
                known == null ? null : known.knownHostKey().orElse(null));
        SshShell previous = sshShells.put(key, fresh);
        if (previous != null && previous != fresh) {
            previous.close();
        }
        return Optional.of(fresh);
    }

    private static String target(ProviderInstance m) {
        return "@" + m.sshHost() + ":" + m.sshPort();
    }

    /** The shell SnapGPU holds to this machine, if it has connected to it since it started. */
    public Optional<SshShell> known(String provider, String providerInstanceId) {
        return Optional.ofNullable(providerInstanceId == null ? null : sshShells.get(provider + "/" + providerInstanceId));
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
