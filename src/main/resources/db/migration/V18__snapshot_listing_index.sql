-- The snapshot listing pages newest first by (created_at, id) and starts a page right after the last
-- row of the previous one (keyset): this index serves both the order and the start, so a page reads
-- its 50 rows whatever its depth. It replaces the (tenant_id, created_at) one, which left the id
-- tie-break to a sort. The per-instance listing gets the same.
create index snapshot_tenant_listing_idx on snapshot (tenant_id, created_at desc, id desc);
create index snapshot_instance_listing_idx on snapshot (instance_id, created_at desc, id desc);
drop index snapshot_tenant_idx;
drop index snapshot_instance_idx;
