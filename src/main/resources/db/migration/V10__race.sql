-- Launch races: what the race engine and its recovery need beyond V1's tables.

alter table launch_race
    -- when the winner's readiness was observed, and how long it took to issue every loser's destroy call
    add column winner_observed_at   timestamptz,
    add column reaction_ms          double precision,
    -- a cancel asked on any replica; the replica that drives the race sees it at its next lease renewal
    add column cancel_requested_at  timestamptz,
    add column waves_launched       integer not null default 0;
-- races not finished (running, or decided with losers still being destroyed): a replica holds each by its lease
create index launch_race_unfinished_idx on launch_race (lease_until) where finished_at is null;

alter table race_candidate
    -- the machine's state as its provider last reported it (PROVISIONING, LOADING, RUNNING, ...)
    add column provider_state     text,
    -- when the destroy call of a loser was issued to the provider (the control plane's reaction)
    add column destroy_called_at  timestamptz,
    -- create -> ready, observed (null when the machine never became ready for us)
    add column boot_seconds       double precision,
    add column error              text,
    add constraint race_candidate_status_check check (status in ('LAUNCHING', 'BOOTING', 'READY', 'DESTROYING',
        'DESTROYED', 'FAILED')),
    add constraint race_candidate_reason_check check (termination_reason is null or termination_reason in (
        'LOST_RACE', 'RACE_TIMEOUT', 'RACE_CANCELLED', 'CREATE_FAILED', 'USER', 'ORPHAN', 'GONE_AT_PROVIDER',
        'BOOT_FAILED'));
create index race_candidate_instance_idx on race_candidate (instance_id);
