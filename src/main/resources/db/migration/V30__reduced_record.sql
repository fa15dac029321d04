-- A closed request's status history and systems' steps, once its records are reduced (docs/retention.md, "A closed
-- request's records"; ReducedRecord): one compressed value on its row instead of a row and index entries each.
-- Portable SQL (H2 and PostgreSQL).
alter table rights_request add column reduced_record bytea;
