-- A COPY's upload may hold the subject's restricted rows, each flagged (restricted: true); the package's part needs
-- their number before it streams the rows (its restricted column and index.html's line). A TRANSFER's holds none.
alter table worker_upload add column restricted_rows bigint not null default 0;
