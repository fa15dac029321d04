-- COPY and TRANSFER packages (docs/rights.md): large results live in encrypted files, never in the database. The row keeps
-- where the file is (a name inside rightsflow.packages.storage-dir) and the package's own AES key, wrapped with the
-- server's master key; the content column stays for small results such as the ACCESS report.
alter table download add column storage_file varchar(200);
alter table download add column wrapped_key varchar(200);
alter table download add column size_bytes bigint;
