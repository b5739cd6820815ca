package io.snapgpu.provider.local;

import io.smallrye.mutiny.Multi;
import io.snapgpu.shell.CommandFailedException;
import io.snapgpu.shell.CommandSpec;
import io.snapgpu.shell.InstanceShell;
import io.snapgpu.shell.LocalProcessRunner;
import io.snapgpu.shell.ProcessEvent;
import java.nio.file.Path;

/**
 * Commands on a local-marketplace machine: real processes on this computer, working inside the
 * machine's sandbox. Like sshd on a real machine, it refuses commands until the machine has booted.
 */
final class LocalShell implements InstanceShell {
    private final LocalInstance instance;
    private final LocalProvider provider;

    LocalShell(LocalInstance instance, LocalProvider provider) {
        this.instance = instance;
        this.provider = provider;
    }

    @Override
    public Multi<ProcessEvent> exec(CommandSpec spec) {
        if (!provider.alive(instance.id)) {
            return Multi.createFrom().failure(new CommandFailedException(spec.display(), -1,
                    "machine " + instance.id + " is gone"));
        }
        if (!instance.running(System.currentTimeMillis())) {
            return Multi.createFrom().failure(new CommandFailedException(spec.display(), -1,
                    "connection refused: machine " + instance.id + " is still booting"));
        }
        Path workDir = spec.workDir() == null ? instance.workspace() : spec.workDir();
        return LocalProcessRunner.run(new CommandSpec(spec.argv(), spec.env(), workDir), instance.processes::add);
    }

    @Override
    public String workspaceRoot() {
        return instance.workspace().toString();
    }
}
