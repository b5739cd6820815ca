-- The SSH host key a machine presented first (an OpenSSH public-key line, `ssh-ed25519 AAAA...`),
-- pinned: every later connection, from any replica and after restarts, must present the same key.
-- Written once, only by `update ... where host_key is null` (the first key recorded wins).
alter table instance
    add column host_key text;
