-- Several replicas share one PostgreSQL. Each replica keeps a heartbeat row; work it owns (a
-- restore, a running snapshot, a claimed backup policy) is taken over or ended once its owner's
-- heartbeat is stale. Jobs that must run on one replica at a time hold a lease row.
create table replica (
    id          text primary key,
    started_at  timestamptz not null default now(),
    seen_at     timestamptz not null default now()
);

create table job_lease (
    name        text primary key,
    owner       text not null,
    until       timestamptz not null
);

alter table snapshot add column owner text;

-- A subject whose progress is about to start (so a subscriber on any replica waits for it).
create table progress_subject (
    subject_id  uuid primary key,
    tenant_id   uuid not null references tenant (id),
    created_at  timestamptz not null default now()
);

-- Listings page in the database: newest first per tenant, and the newest of each content (dedupe).
create index snapshot_tenant_tree_idx on snapshot (tenant_id, tree_hash, created_at desc);
