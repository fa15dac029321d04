-- Proactive deletion (docs/retention.md): the nightly sweep that erases, without any request, rows past their
-- retention period and data whose only basis was a consent that is no longer given. One row per run, and one per
-- step of a run (a system and a category, and for consent-based data the purpose): the step row is the sweep's
-- checkpoint. It is updated in the same transaction as the batch it counts, so a batch that fails or is cut off by
-- a crash leaves no trace, and a later run that finds a step unfinished takes it over from where it stopped.

create table proactive_deletion_run (
    reference    varchar(20) primary key,              -- PD-20261129-0001: the process's business key
    started_at   timestamp with time zone not null,
    cutoff_at    timestamp with time zone not null,    -- retention and consent are judged at this instant
    completed_at timestamp with time zone
);

create table proactive_deletion_step (
    run_reference  varchar(20) not null,
    step_key       varchar(200) not null,              -- account-system/OPERATION_LOGS, .../REAL_NAME/withdrawn:FACE_RECOGNITION
    step_no        integer not null,                   -- order in the run's plan
    system_id      varchar(63) not null,
    category       varchar(32) not null,
    purpose        varchar(32),                        -- null: past retention; else the consent purpose not given
    execution      varchar(16) not null,               -- IN_PROCESS (the connector) or BY_HAND (a data operator)
    status         varchar(16) not null,
    cutoff_at      timestamp with time zone not null,
    resumed_from   varchar(20),                        -- the earlier run whose unfinished step this one continues
    taken_over_by  varchar(20),                        -- the later run that continued this step
    rows_erased    bigint not null default 0,
    batches        integer not null default 0,
    after_subject  bigint,                             -- consent steps: every subject up to this id is done
    note           varchar(4000),                      -- a data operator's note on a step swept by hand
    done_by        varchar(100),
    updated_at     timestamp with time zone not null,
    constraint pk_proactive_deletion_step primary key (run_reference, step_key),
    constraint fk_proactive_deletion_step_run foreign key (run_reference) references proactive_deletion_run (reference),
    constraint ck_proactive_deletion_step_execution check (execution in ('IN_PROCESS', 'BY_HAND')),
    constraint ck_proactive_deletion_step_status check (status in ('PENDING', 'RUNNING', 'DONE', 'TAKEN_OVER',
        'WITH_OPERATOR', 'SWEPT_BY_HAND', 'NOT_SWEPT'))
);
-- a new run looks for the unfinished steps of earlier runs
create index ix_proactive_deletion_step_status on proactive_deletion_step (status, step_key);

-- Every batch of the sweep asks which accounts are on hold (their data is passed over): few rows, looked up often.
create index ix_account_legal_hold on account (legal_hold);
create index ix_account_open_investigation on account (open_investigation);
