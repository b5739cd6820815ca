package io.snapgpu.snapshot;

public enum SnapshotStatus { RUNNING, SUCCEEDED, FAILED, DELETING, DELETED }
