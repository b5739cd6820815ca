package io.snapgpu.instance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "snapgpu.instances")
public interface InstanceConfig {
    /** How often a booting machine's status is polled. */
    @WithDefault("2S")
    Duration pollInterval();

    /** A machine not ready after this long is destroyed (BOOT_FAILED). */
    @WithDefault("20M")
    Duration bootTimeout();

    /** false: no orphan reaping (only for tests that count provider calls). */
    @WithDefault("true")
    boolean reaperEnabled();

    /** Period of the orphan reaper. */
    @WithDefault("5M")
    Duration reaperInterval();

    /** Probe timeout (a shell command that must answer). */
    @WithDefault("5S")
    Duration probeTimeout();

    /** Image per provider when a request names none (SNAPGPU_INSTANCES_DEFAULT_IMAGE_VASTAI, ...). */
    DefaultImages defaultImage();

    /** Disk when a request names none; searches price offers for it too. */
    @WithDefault("50")
    int defaultDiskGb();

    /**
     * Pinned tags (an unpinned tag changes under a running fleet), each able to take SnapGPU's SSH key:
     * on vast.ai any image does (runtype ssh: vast runs its own sshd); RunPod's own images start sshd
     * and install PUBLIC_KEY, and any other image gets a start command that does (docs/providers.md).
     */
    interface DefaultImages {
        @WithDefault("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime")
        String vastai();

        @WithDefault("runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04")
        String runpod();

        @WithDefault("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime")
        String local();

        /** Any other provider. */
        @WithDefault("pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime")
        String other();

        default String of(String provider) {
            return switch (provider == null ? "" : provider) {
                case "vastai" -> vastai();
                case "runpod" -> runpod();
                case "local" -> local();
                default -> other();
            };
        }
    }
}
