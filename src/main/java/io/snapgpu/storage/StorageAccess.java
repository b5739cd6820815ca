package io.snapgpu.storage;

/** What a machine's credential may do under its prefix. */
public enum StorageAccess {
    /** Read objects and list them: restores and drills (restic with --no-lock). */
    READ_ONLY,
    /** Also write and delete: backups, and reads that must take restic's lock. */
    READ_WRITE
}
