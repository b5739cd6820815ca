package io.snapgpu.shell;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Runs commands on one instance, as argument vectors: a local process for the {@code local}
 * provider, SSH for real machines. Output is streamed; cancelling the stream stops the command.
 */
public interface InstanceShell extends AutoCloseable {

    /**
     * Runs {@code spec.argv()} on the instance with {@code spec.env()} added to its environment and
     * {@code spec.workDir()} (a path on the instance, may be null) as working directory. Emits
     * output lines, then exactly one {@link ProcessEvent.Exit}. Secrets in {@code env} must never
     * appear in the remote command line or in logs.
     */
    Multi<ProcessEvent> exec(CommandSpec spec);

    /** Where the workspace lives on this machine: an absolute path on the instance. */
    String workspaceRoot();

    /** True when the instance runs a trivial command within {@code timeout}: the "ready" probe. */
    default Uni<Boolean> probe(Duration timeout) {
        return exec(new CommandSpec(java.util.List.of("true"), java.util.Map.of(), null))
                .filter(e -> e instanceof ProcessEvent.Exit)
                .map(e -> ((ProcessEvent.Exit) e).code() == 0)
                .toUni()
                .ifNoItem().after(timeout).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .map(ok -> ok != null && ok);
    }

    /**
     * Copies a file of the control plane to {@code remotePath} on the instance (SFTP), replacing what
     * is there; for machines that cannot download it themselves.
     */
    default Uni<Void> upload(java.nio.file.Path localFile, String remotePath) {
        return Uni.createFrom().failure(new UnsupportedOperationException("this shell cannot copy files"));
    }

    @Override
    default void close() {
    }
}
