-- A stream's end is a column of its own, not a flag mixed into the domain's payload.
alter table progress_event add column terminal boolean not null default false;
update progress_event set terminal = true, payload = payload - '__terminal' where payload ->> '__terminal' = 'true';
update progress_event set payload = payload - '__terminal' where payload ? '__terminal';
