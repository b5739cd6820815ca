-- Every machine gets SnapGPU's pinned restic from the bootstrap (~/.snapgpu/bin/restic, SHA-256
-- checked on the machine); its path and the version the machine's own `restic version` answered
-- decide how backups and restores run there (flags, JSON progress), not the control plane's restic.
alter table instance
    add column restic_path text,
    add column restic_version text;
