-- external-task systems (docs/data-map.md, connectors): what their workers are given and what they send back.
--
-- worker_subject_handle: the opaque, request-scoped handle a step's external task carries instead of any identifier;
-- only its SHA-256 is kept. It is bound to its step (so to the external task of that step) and expires with the
-- system's time limit; it is deleted when the step is done or handed to a data operator.
create table worker_subject_handle (
    handle_sha256 varchar(64)  primary key,
    step_id       varchar(36)  not null,
    system_id     varchar(64)  not null,
    expires_at    timestamp with time zone not null,
    created_at    timestamp with time zone not null,
    constraint uq_worker_subject_handle_step unique (step_id)
);

-- worker_upload: the rows a worker uploaded for one category of a step (COPY, TRANSFER), in an encrypted file of its
-- own (its key wrapped with the packages' master key, bound to the upload's id). STAGED while the worker's task is
-- open, a new upload of the same category replacing it; COMMITTED with the step when the task completes; deleted once
-- the package holds the rows. A file without a row here is an upload that never finished and is swept.
create table worker_upload (
    id            varchar(36)  primary key,
    step_id       varchar(36)  not null,
    request_id    varchar(36)  not null,
    system_id     varchar(64)  not null,
    category      varchar(32)  not null,
    row_count     bigint       not null,
    size_bytes    bigint       not null,
    storage_file  varchar(200) not null,
    wrapped_key   varchar(200) not null,
    status        varchar(10)  not null,
    created_at    timestamp with time zone not null,
    constraint uq_worker_upload unique (step_id, category),
    constraint ck_worker_upload_status check (status in ('STAGED', 'COMMITTED'))
);
create index ix_worker_upload_request on worker_upload (request_id);

-- What a worker reported for its step (per category: rows, erased, restricted), kept until its task completes.
alter table system_step add column reported text;
