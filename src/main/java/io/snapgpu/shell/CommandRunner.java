package io.snapgpu.shell;

import io.smallrye.mutiny.Multi;

/** Where a command runs: this machine ({@link #LOCAL}) or an instance ({@code InstanceShell::exec}). */
@FunctionalInterface
public interface CommandRunner {
    CommandRunner LOCAL = LocalProcessRunner::run;

    Multi<ProcessEvent> run(CommandSpec spec);
}
