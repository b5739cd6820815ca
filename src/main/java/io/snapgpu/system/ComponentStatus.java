package io.snapgpu.system;

/** One part SnapGPU depends on: is it usable, and what should a person know about it. */
public record ComponentStatus(String name, boolean up, boolean embedded, String detail) {
}
