-- One way to own work across replicas (cluster/Ownership): every table of owned work has an owner
-- (a replica id) and a lease_until; a row is held while its owner's heartbeat is fresh and its
-- lease, if any, has not run out.
alter table backup_policy rename column claimed_by to owner;
alter table backup_policy rename column claimed_until to lease_until;
alter table job_lease rename column until to lease_until;
alter table job_lease alter column owner drop not null, alter column lease_until drop not null;
alter table snapshot add column lease_until timestamptz;
alter table failover add column lease_until timestamptz;
alter table restore_drill add column lease_until timestamptz;
