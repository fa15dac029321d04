-- A closed request's audit entries, sealed into one row when its records are reduced (docs/retention.md, "A closed
-- request's records"; AuditEntries.seal): every field of every entry, hashes included, in one compressed value, so
-- the chain verifies as before (AuditVerifier walks these and audit_entry together) without seven rows and their
-- index entries per request. Portable SQL (H2 and PostgreSQL).
create table audit_seal (
    first_seq  bigint      primary key,   -- the walk of the chain reads the seals in this order
    last_seq   bigint      not null,
    reference  varchar(20) not null,
    content    bytea       not null
);
-- the request's page and evidence pack read its entries by reference
create index ix_audit_seal_reference on audit_seal (reference);
