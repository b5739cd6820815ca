-- The user's way into a machine (issue #17): their SSH public keys, what a machine exposes, and
-- one audit row per browser terminal session. Never a private key.

create table user_ssh_key (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    user_id      uuid not null references app_user (id),
    name         text not null,
    key_type     text not null,
    bits         integer not null,
    -- the authorized_keys line as installed: "type base64 [comment]"
    public_key   text not null,
    -- SHA256:... as ssh-keygen -l prints it
    fingerprint  text not null,
    created_at   timestamptz not null default now(),
    unique (user_id, fingerprint)
);
create index user_ssh_key_tenant_idx on user_ssh_key (tenant_id, created_at);

-- The SSH user and the exposed ports (JSON list) a machine's provider reported when it became ready.
alter table instance add column ssh_user text;
alter table instance add column exposed_ports text;

create table terminal_session (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    user_id      uuid not null references app_user (id),
    username     text not null,
    instance_id  uuid not null references instance (id),
    started_at   timestamptz not null default now(),
    ended_at     timestamptz,
    end_reason   text,
    bytes_in     bigint not null default 0,
    bytes_out    bigint not null default 0
);
create index terminal_session_tenant_idx on terminal_session (tenant_id, started_at desc);
