-- Running it as a privacy team (the request register, dashboard, statistics report and metrics).

-- The grounds of every whole or partial refusal, one row per ground, written with the final answer: the statistics
-- report and the metrics count refusals by ground here (the engine keeps them only as a process variable).
create table request_ground (
    request_id  varchar(36) not null references rights_request (id),
    ground      varchar(40) not null,
    constraint pk_request_ground primary key (request_id, ground)
);
create index ix_request_ground_ground on request_ground (ground);

-- The register pages by receipt (newest first) or by due date, and counts open requests by due date.
create index ix_request_received on rights_request (received_at);
create index ix_request_status_due on rights_request (status, due_at);
