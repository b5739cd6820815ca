package io.snapgpu.provider;

import java.util.Map;

/**
 * What to run on a rented machine. {@code label} identifies it as SnapGPU's (the orphan reaper
 * finds machines by it). {@code sshPublicKey} is installed for the SSH shell.
 */
public record LaunchSpec(String image, int diskGb, String label, Map<String, String> env, String sshPublicKey) {
    public LaunchSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
