package io.snapgpu.instance.bootstrap;

import io.snapgpu.restic.ResticVersion;

/** The restic a bootstrapped machine runs: its path there and the version it answered. */
public record MachineRestic(String path, ResticVersion version) {
}
