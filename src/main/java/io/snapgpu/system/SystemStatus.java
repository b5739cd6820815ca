package io.snapgpu.system;

import java.util.List;

/** What this SnapGPU runs on, as shown by health, GraphQL {@code system} and REST {@code /api/v1/system}. */
public record SystemStatus(String version, boolean up, String resticVersion, List<ComponentStatus> components) {
}
