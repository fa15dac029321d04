-- The application's own retention of a closed request's records (docs/retention.md, "A closed request's records"):
-- once a request has been closed for rightsflow.proactive-deletion.closed-request-records-after (default 180 days,
-- the processes' history time to live), the nightly sweep reduces it to what its record needs and stamps the row.
-- Portable SQL (H2 and PostgreSQL).
alter table rights_request add column records_reduced_at timestamp with time zone;
-- the sweep's batches select the closed requests not reduced yet, oldest first
create index ix_request_records_reduced on rights_request (records_reduced_at, closed_at);

-- A notice long sent keeps its kind, dedup key, subject, language and times; the address and the rendered text go.
alter table notice_outbox alter column recipient drop not null;
alter table notice_outbox alter column body drop not null;

-- the sweep reads and reduces each request's downloads (and a retried build replaces an unpublished one): without it,
-- each would scan every download of every year
create index ix_download_request on download (request_id);
