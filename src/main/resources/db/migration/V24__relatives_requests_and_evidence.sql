-- Close relatives of a deceased account holder (PIPL Art. 49; docs/rights.md, "Who may file").
-- The relative has no contact on file: the address they give receives the notices of their request only (never a
-- code), and intake staff verify them by hand from the evidence they upload. Personal data: application table only.
alter table rights_request add column relative_contact_email varchar(320);

-- Evidence a relative uploads (death certificate, proof of the relationship, the relative's ID): PDF, JPEG or PNG by
-- content, at most 5 files of 10 MiB per request, each encrypted with its own key (wrapped with the server's master
-- key, bound to the row's id). No file name is kept. Read only by intake staff; deleted when the request closes.
create table request_evidence (
    id            varchar(36)  primary key,
    request_id    varchar(36)  not null references rights_request (id),
    number        integer      not null,
    content_type  varchar(40)  not null,
    size_bytes    bigint       not null,
    sha256        varchar(64)  not null,
    wrapped_key   varchar(200) not null,
    content       bytea        not null,
    uploaded_at   timestamp with time zone not null,
    constraint uq_request_evidence_number unique (request_id, number),
    constraint ck_request_evidence_type check (content_type in ('application/pdf', 'image/jpeg', 'image/png'))
);
