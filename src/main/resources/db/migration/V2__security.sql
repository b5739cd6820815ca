-- People, their API keys and browser sessions. Secrets are stored only as hashes: bcrypt for
-- passwords, SHA-256 for tokens (they are 256-bit random, so a fast hash is enough).

create table app_user (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id),
    username       text not null unique,
    password_hash  text not null,
    role           text not null check (role in ('ADMIN', 'MEMBER')),
    created_at     timestamptz not null default now(),
    disabled_at    timestamptz
);

create table api_key (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    user_id       uuid not null references app_user (id),
    name          text not null,
    token_prefix  text not null,
    token_hash    text not null unique,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_key_tenant_idx on api_key (tenant_id, created_at desc);

create table web_session (
    id          uuid primary key,
    user_id     uuid not null references app_user (id),
    token_hash  text not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index web_session_expiry_idx on web_session (expires_at);
