-- Deployment-wide secrets (e.g. the SSH key SnapGPU logs in to machines with), encrypted with the
-- master key; shared by every replica.
create table system_secret (
    name        text primary key,
    value       bytea not null,
    created_at  timestamptz not null default now()
);
