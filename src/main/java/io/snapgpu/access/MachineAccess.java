package io.snapgpu.access;

import io.smallrye.mutiny.Uni;
import io.snapgpu.instance.Instance;
import io.snapgpu.instance.ShellConnector;
import io.snapgpu.provider.ExposedPort;
import io.snapgpu.provider.GpuProvider;
import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.ProviderRegistry;
import io.snapgpu.shell.InstanceShell;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The way in to one machine of a tenant: the connection details a person needs, and SnapGPU's own
 * shell to it (for installing keys and holding terminal sessions).
 */
@ApplicationScoped
public class MachineAccess {
    private final ProviderRegistry providers;
    private final ShellConnector shells;

    public MachineAccess(ProviderRegistry providers, ShellConnector shells) {
        this.providers = providers;
        this.shells = shells;
    }

    /** SnapGPU's shell to the machine where its provider says it is now. */
    public Uni<InstanceShell> shell(Instance i) {
        GpuProvider provider = providers.require("provider", i.provider);
        return provider.status(i.providerInstanceId).map(m -> shells.shellFor(i, m).orElseThrow(() ->
                new IllegalStateException("machine " + i.id + " has no SSH address (" + m.state().name().toLowerCase() + ")")));
    }

    /** How a person gets in: shown once the machine is ready (READY, RESTORING or RUNNING) and has an SSH address. */
    public Optional<Connection> connection(Instance i) {
        if (!UserKeyService.reachable(i) || i.sshHost == null || i.sshPort == null) {
            return Optional.empty();
        }
        String user = i.sshUser;
        if (user == null) {
            try {
                user = providers.require("provider", i.provider).sshUser(asMachine(i));
            } catch (RuntimeException e) {
                user = "root"; // a provider no longer configured: what every provider logs in as
            }
        }
        return Optional.of(Connection.of(i.sshHost, i.sshPort, user, hostKey(i).orElse(null),
                ExposedPort.fromJson(i.exposedPorts)));
    }

    /**
     * The machine's SSH host key ({@code ssh-ed25519 AAAA...}) as SnapGPU pinned it on first connection.
     * Pinned on the instance row (first recorded wins, shared by replicas and restarts); empty until
     * SnapGPU first logged in.
     */
    public Optional<String> hostKey(Instance i) {
        return Optional.ofNullable(i.hostKey);
    }

    private static ProviderInstance asMachine(Instance i) {
        return new ProviderInstance(i.provider, i.providerInstanceId, i.label, ProviderInstance.State.RUNNING, i.hostId,
                i.sshHost, i.sshPort, i.pricePerHour, null);
    }
}
