-- SnapGPU domain schema. Ids are UUIDs chosen by the application (so a row can be recorded
-- before the provider call that needs its id); times are timestamptz; money is numeric.

create table tenant (
    id          uuid primary key,
    name        text not null unique,
    created_at  timestamptz not null default now()
);

-- Offers seen at providers, cached briefly so ranking and races need no second search.
create table offer_cache (
    provider         text not null,
    offer_id         text not null,
    host_id          text not null,
    machine_id       text,
    gpu_model        text not null,
    gpu_count        integer not null,
    gpu_ram_mb       integer,
    cpu_cores        numeric(8, 2),
    ram_mb           integer,
    disk_gb          numeric(10, 2),
    price_per_hour   numeric(12, 6) not null,
    region           text,
    reliability      numeric(6, 5),
    inet_down_mbps   numeric(10, 2),
    inet_up_mbps     numeric(10, 2),
    cuda_version     numeric(5, 2),
    verified         boolean not null default false,
    fetched_at       timestamptz not null default now(),
    primary key (provider, offer_id)
);

create table instance (
    id                    uuid primary key,
    tenant_id             uuid not null references tenant (id),
    provider              text not null,
    provider_instance_id  text,
    offer_id              text,
    host_id               text,
    gpu_model             text,
    gpu_count             integer,
    price_per_hour        numeric(12, 6),
    label                 text not null,
    status                text not null check (status in ('PROVISIONING', 'BOOTING', 'READY', 'RESTORING',
                              'RUNNING', 'DESTROYING', 'DESTROYED', 'FAILED')),
    termination_reason    text check (termination_reason in ('LOST_RACE', 'RACE_TIMEOUT', 'RACE_CANCELLED',
                              'CREATE_FAILED', 'USER', 'ORPHAN', 'GONE_AT_PROVIDER', 'BOOT_FAILED')),
    ssh_host              text,
    ssh_port              integer,
    created_at            timestamptz not null default now(),
    booting_at            timestamptz,
    ready_at              timestamptz,
    restoring_at          timestamptz,
    running_at            timestamptz,
    destroying_at         timestamptz,
    destroyed_at          timestamptz,
    failed_at             timestamptz,
    updated_at            timestamptz not null default now(),
    version               bigint not null default 0
);
create index instance_tenant_idx on instance (tenant_id, created_at desc);
create index instance_alive_idx on instance (provider, status) where status not in ('DESTROYED', 'FAILED');
create unique index instance_provider_id_idx on instance (provider, provider_instance_id)
    where provider_instance_id is not null;

create table backup_policy (
    instance_id        uuid primary key references instance (id),
    tenant_id          uuid not null references tenant (id),
    frequency_minutes  integer not null check (frequency_minutes in (15, 60, 360, 1440)),
    retention_days     integer not null check (retention_days in (7, 30, 90)),
    include_paths      text[] not null,
    exclude_patterns   text[] not null default '{}',
    critical_patterns  text[] not null default '{}',
    enabled            boolean not null default true,
    next_run_at        timestamptz,
    claimed_by         text,
    claimed_until      timestamptz,
    updated_at         timestamptz not null default now()
);
create index backup_policy_due_idx on backup_policy (next_run_at) where enabled;

-- One restic repository per tenant; the password is stored encrypted (AES-GCM, master key).
create table restic_repository (
    tenant_id           uuid primary key references tenant (id),
    prefix              text not null unique,
    password_encrypted  bytea not null,
    initialised_at      timestamptz
);

create table snapshot (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    instance_id  uuid references instance (id),
    restic_id    text,
    tree_hash    text,
    kind         text not null check (kind in ('AUTOMATIC', 'MANUAL', 'PRE_FAILOVER', 'PRE_RESTORE')),
    status       text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'DELETING', 'DELETED')),
    description  text,
    total_bytes  bigint,
    added_bytes  bigint,
    file_count   bigint,
    error        text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz,
    expires_at   timestamptz,
    deleted_at   timestamptz
);
create index snapshot_tenant_idx on snapshot (tenant_id, created_at desc);
create index snapshot_instance_idx on snapshot (instance_id, created_at desc);
create index snapshot_expiry_idx on snapshot (expires_at) where status = 'SUCCEEDED';

create table launch_race (
    id                   uuid primary key,
    tenant_id            uuid not null references tenant (id),
    status               text not null check (status in ('RUNNING', 'WON', 'FAILED', 'CANCELLED')),
    request              jsonb not null,
    wave_size            integer not null,
    wave_interval_ms     integer not null,
    max_waves            integer not null,
    timeout_ms           bigint not null,
    snapshot_id          uuid references snapshot (id),
    winner_candidate_id  uuid,
    losers_cost          numeric(12, 6) not null default 0,
    error                text,
    owner                text,
    lease_until          timestamptz,
    created_at           timestamptz not null default now(),
    finished_at          timestamptz
);
create index launch_race_tenant_idx on launch_race (tenant_id, created_at desc);

create table race_candidate (
    id                  uuid primary key,
    race_id             uuid not null references launch_race (id),
    wave                integer not null,
    provider            text not null,
    offer_id            text not null,
    host_id             text not null,
    instance_id         uuid references instance (id),
    status              text not null,
    termination_reason  text,
    price_per_hour      numeric(12, 6),
    launched_at         timestamptz,
    ready_at            timestamptz,
    destroyed_at        timestamptz,
    cost                numeric(12, 6) not null default 0
);
create index race_candidate_race_idx on race_candidate (race_id, wave);

-- Boot observations per provider host; censored ones (destroyed before ready) count too.
create table host_stats (
    provider            text not null,
    host_id             text not null,
    boots               integer not null default 0,
    failures            integer not null default 0,
    censored            integer not null default 0,
    boot_seconds        double precision[] not null default '{}',
    last_seen_at        timestamptz,
    primary key (provider, host_id)
);

create table restore_job (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    snapshot_id   uuid not null references snapshot (id),
    instance_id   uuid references instance (id),
    race_id       uuid references launch_race (id),
    phase         text not null check (phase in ('QUEUED', 'ACQUIRING_MACHINE', 'CRITICAL_FILES',
                      'REMAINING_FILES', 'VERIFYING', 'DONE', 'FAILED')),
    bytes_done    bigint not null default 0,
    bytes_total   bigint,
    files_done    bigint not null default 0,
    files_total   bigint,
    attempts      integer not null default 0,
    usable_at     timestamptz,
    error         text,
    owner         text,
    lease_until   timestamptz,
    created_at    timestamptz not null default now(),
    finished_at   timestamptz
);
create index restore_job_tenant_idx on restore_job (tenant_id, created_at desc);

-- Every long operation is a stream of typed events, kept for late subscribers.
create table progress_event (
    id            bigserial primary key,
    tenant_id     uuid not null references tenant (id),
    subject_type  text not null check (subject_type in ('SNAPSHOT', 'RACE', 'RESTORE')),
    subject_id    uuid not null,
    seq           integer not null,
    type          text not null,
    payload       jsonb not null,
    created_at    timestamptz not null default now(),
    unique (subject_id, seq)
);
