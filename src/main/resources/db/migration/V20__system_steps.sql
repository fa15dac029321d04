-- Each system's part of a request (docs/data-map.md, per-system steps): one row per system and planned operation,
-- carried out by the system's connector, its worker or a data operator, and what was done there per category.
-- The engine holds only the row's id (systemStepId); the row holds no personal data, the operator's note is staff
-- text. plan_key is the process instance that planned the steps: a retried plan finds the rows it wrote.
create table system_step (
    id           varchar(36)  primary key,
    plan_key     varchar(64)  not null,
    request_id   varchar(36),
    reference    varchar(40)  not null,
    operation    varchar(24)  not null,
    system_id    varchar(64)  not null,
    execution    varchar(12)  not null,
    categories   varchar(400) not null,
    parameters   text,
    status       varchar(8)   not null,
    done_by      varchar(12),
    handed_over  boolean      default false not null,
    operator     varchar(64),
    planned      text,
    outcome      text,
    note         varchar(2000),
    stalled_at   timestamp with time zone,
    created_at   timestamp with time zone not null,
    completed_at timestamp with time zone,
    constraint uq_system_step unique (plan_key, system_id),
    constraint ck_system_step_status check (status in ('PENDING', 'DONE')),
    constraint ck_system_step_execution check (execution in ('IN_PROCESS', 'WORKER', 'PERSON'))
);
create index ix_system_step_request on system_step (request_id, operation);

-- A category held by a retention rule is held per system: each system's rows expire on their own.
alter table erasure_hold add column system_id varchar(64);
alter table erasure_hold drop constraint uq_erasure_hold;
alter table erasure_hold add constraint uq_erasure_hold unique (request_id, system_id, category);
