package io.snapgpu.instance;

import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.ssh.SshIdentity;
import io.snapgpu.shell.ssh.SshShell;
import io.snapgpu.shell.ssh.SshShellFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shell of a rented machine: a local process for the embedded marketplace, SSH to the host and
 * port the provider reports otherwise. One SSH shell per machine, so the host key seen first is the
 * one required later.
 */
@ApplicationScoped
public class ShellConnector {
    private final LocalProvider local;
    private final SshShellFactory ssh;
    private final SshIdentity identity;
    private final Map<String, SshShell> sshShells = new ConcurrentHashMap<>();

    public ShellConnector(LocalProvider local, SshShellFactory ssh, SshIdentity identity) {
        this.local = local;
        this.ssh = ssh;
        this.identity = identity;
    }

    /** Empty when the machine cannot take commands (gone, or no SSH address known yet). */
    public Optional<InstanceShell> shellFor(ProviderInstance machine) {
        if (LocalProvider.NAME.equals(machine.provider())) {
            return local.shell(machine.id());
        }
        if (machine.sshHost() == null || machine.sshPort() == null || machine.state() == ProviderInstance.State.GONE) {
            return Optional.empty();
        }
        KeyPair key = identity.loaded();
        return Optional.of(sshShells.computeIfAbsent(machine.provider() + "/" + machine.id(),
                k -> ssh.create(machine.sshHost(), machine.sshPort(), key)));
    }

    /** Forget (and close) the shell of a destroyed machine. */
    public void forget(ProviderInstance machine) {
        SshShell s = sshShells.remove(machine.provider() + "/" + machine.id());
        if (s != null) {
            s.close();
        }
    }
}
