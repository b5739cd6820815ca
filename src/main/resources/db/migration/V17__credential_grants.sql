-- The audit trail of storage credentials handed to machines: which credential (its key id, never its
-- secret), with what scope and permission, until when, to which machine, for which operation.
create table credential_grant (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id),
    instance_id    uuid not null,
    purpose        text not null check (purpose in ('BACKUP', 'RESTORE', 'DRILL')),
    operation_id   uuid,
    mode           text not null check (mode in ('BUCKET_KEY', 'R2_TEMPORARY', 'STS')),
    access_key_id  text not null,
    scope          text not null,
    access         text not null check (access in ('READ_ONLY', 'READ_WRITE')),
    issued_at      timestamptz not null,
    expires_at     timestamptz
);
create index credential_grant_tenant on credential_grant (tenant_id, issued_at desc);
create index credential_grant_instance on credential_grant (instance_id, issued_at desc);
