-- EXPLAIN (docs/rights.md): the privacy officer's answer as sent, kept in the application's tables so that the
-- engine's history needs to hold no more of it than the task form did. The requester's question stays in
-- rights_request.details and is never copied here or into a notice.
create table explanation_answer (
    request_id   varchar(36)   primary key references rights_request (id),
    answer       text          not null,
    answered_by  varchar(64)   not null,
    answered_at  timestamp with time zone not null
);
