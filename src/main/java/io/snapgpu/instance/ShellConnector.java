package io.snapgpu.instance;

import io.snapgpu.provider.ProviderInstance;
import io.snapgpu.provider.local.LocalProvider;
import io.snapgpu.shell.InstanceShell;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The shell of a rented machine: a local process for the embedded marketplace, SSH otherwise. */
@ApplicationScoped
public class ShellConnector {
    private final LocalProvider local;

    public ShellConnector(LocalProvider local) {
        this.local = local;
    }

    /** Empty when the machine cannot take commands (gone, or no address known yet). */
    public Optional<InstanceShell> shellFor(ProviderInstance machine) {
        if (LocalProvider.NAME.equals(machine.provider())) {
            return local.shell(machine.id());
        }
        return Optional.empty(); // SSH machines: wired with the SSH shell
    }
}
