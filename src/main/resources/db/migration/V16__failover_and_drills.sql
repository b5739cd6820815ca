-- Failover: a machine SnapGPU has lost (the provider says it exited, is offline or gone, or SSH has
-- failed for a while although the provider says it runs) is replaced by a new one from its newest
-- snapshot. One failover per machine at a time, across replicas: the partial unique index below
-- makes a second active row impossible, and the row's owner is the replica driving it (taken over
-- through the replicas' heartbeats, as restores and snapshots are).
alter table instance
    add column failover_enabled boolean,           -- null: on when the machine has a backup policy
    add column ssh_failing_since timestamptz,       -- the machine watch: first failed SSH heartbeat of a streak
    add column watched_at timestamptz;              -- the machine watch: last look

alter table instance drop constraint instance_termination_reason_check;
alter table instance add constraint instance_termination_reason_check check (termination_reason in ('LOST_RACE',
    'RACE_TIMEOUT', 'RACE_CANCELLED', 'CREATE_FAILED', 'USER', 'ORPHAN', 'GONE_AT_PROVIDER', 'BOOT_FAILED',
    'LOST', 'MOVED', 'FAILOVER_ABANDONED'));

create table failover (
    id                uuid primary key,
    tenant_id         uuid not null references tenant (id),
    instance_id       uuid not null references instance (id),
    trigger           text not null check (trigger in ('PROVIDER_GONE', 'PROVIDER_EXITED', 'PROVIDER_OFFLINE',
                          'SSH_DEAD', 'USER')),
    detail            text,
    status            text not null check (status in ('DETECTED', 'SNAPSHOTTING', 'REPLACING', 'RETIRING',
                          'DONE', 'FAILED', 'CANCELLED')),
    pre_snapshot_id   uuid references snapshot (id),
    snapshot_id       uuid references snapshot (id),
    restore_job_id    uuid references restore_job (id),
    new_instance_id   uuid references instance (id),
    attempts          integer not null default 0,
    max_attempts      integer not null,
    next_attempt_at   timestamptz,
    cancel_requested_at timestamptz,             -- the lost machine answered again while a replacement was under way
    error             text,
    owner             text,
    lost_price_per_hour numeric(12, 6),
    new_price_per_hour  numeric(12, 6),
    usable_at         timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    finished_at       timestamptz
);
create unique index failover_one_active_idx on failover (instance_id)
    where status not in ('DONE', 'FAILED', 'CANCELLED');
create index failover_tenant_idx on failover (tenant_id, created_at desc);

-- Restore drills: per tenant, restic check with a read-data subset, then a trial restore of the
-- newest snapshot of each machine into a scratch directory on the control plane, compared with
-- restic's own listing and content hashes.
create table restore_drill (
    id                uuid primary key,
    tenant_id         uuid not null references tenant (id),
    trigger           text not null check (trigger in ('SCHEDULED', 'MANUAL')),
    status            text not null check (status in ('RUNNING', 'PASSED', 'FAILED')),
    check_subset      text not null,
    check_ok          boolean,
    check_error       text,
    snapshots_drilled integer not null default 0,
    snapshots_failed  integer not null default 0,
    bytes_fetched     bigint not null default 0,
    download_cost     numeric(12, 4) not null default 0,
    error             text,
    owner             text,
    started_at        timestamptz not null default now(),
    finished_at       timestamptz
);
create index restore_drill_tenant_idx on restore_drill (tenant_id, started_at desc);
-- one drill of a tenant's repository at a time, across replicas
create unique index restore_drill_one_running_idx on restore_drill (tenant_id) where status = 'RUNNING';

-- each snapshot's last drill
alter table snapshot
    add column drilled_at timestamptz,
    add column drill_id uuid references restore_drill (id),
    add column drill_status text check (drill_status in ('PASSED', 'FAILED')),
    add column drill_duration_ms bigint,
    add column drill_bytes_fetched bigint,
    add column drill_download_cost numeric(12, 4),
    add column drill_error text;

alter table progress_event drop constraint progress_event_subject_type_check;
alter table progress_event add constraint progress_event_subject_type_check
    check (subject_type in ('SNAPSHOT', 'RACE', 'RESTORE', 'FAILOVER'));
