-- Restores read a tenant's restic repository without restic's lock (--no-lock: no lock file, no
-- 200 ms wait, fewer requests per restic start) while SnapGPU guarantees that no prune of that
-- repository runs meanwhile: readers register here, a prune marks the repository, each under the
-- repository row's lock (select ... for update), so the two never overlap. Rows of replicas that
-- stopped are ignored (their heartbeat is stale) and cleared by the next prune.
create table repository_read (
    id          uuid primary key,
    tenant_id   uuid not null references restic_repository (tenant_id),
    owner       text not null,
    started_at  timestamptz not null default now()
);
create index repository_read_tenant on repository_read (tenant_id);

alter table restic_repository
    add column pruning_owner text,
    add column pruning_since timestamptz,
    -- snapshots were forgotten while readers were active: their data awaits a prune
    add column prune_pending boolean not null default false;
