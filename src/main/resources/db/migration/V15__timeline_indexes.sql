-- A request's timeline and evidence pack read its audit entries and notices: without these, each page view scans
-- the whole audit trail and outbox (millions of rows after a year).
create index ix_audit_entry_reference on audit_entry (reference, seq);
create index ix_notice_outbox_request on notice_outbox (request_id, created_at);
