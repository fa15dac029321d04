-- RESTRICT (docs/rights.md): one row per restriction a requester asked for. categories/purposes are comma-separated
-- codes; null means every category / every purpose (all processing except storage and security). The purpose check
-- (ConsentRegister) reads the active rows; the connectors flag the rows of the systems themselves.
create table processing_restriction (
    id               varchar(36)  primary key,
    request_id       varchar(36)  not null unique references rights_request (id),
    account_id       bigint       not null,
    categories       varchar(400),
    purposes         varchar(400),
    ends_at          timestamp with time zone,
    status           varchar(8)   not null,
    rows_restricted  bigint       not null,
    created_at       timestamp with time zone not null,
    lifted_at        timestamp with time zone,
    lifted_by        varchar(12),
    lift_request_id  varchar(36),
    constraint ck_processing_restriction_status check (status in ('ACTIVE', 'LIFTED')),
    constraint ck_processing_restriction_lifted_by check (lifted_by is null or lifted_by in ('END_DATE', 'LIFT_REQUEST'))
);
create index ix_processing_restriction_account on processing_restriction (account_id, status);
