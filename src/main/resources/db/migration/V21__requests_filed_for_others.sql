-- Who filed a request: the account holder, a guardian on a minor's behalf, or a close relative of a deceased
-- account holder (docs/rights.md, "Who may file"). It decides where codes and notices go and how they are worded.
alter table rights_request add column filed_as varchar(32) not null default 'ACCOUNT_HOLDER';
alter table rights_request add constraint ck_rights_request_filed_as
    check (filed_as in ('ACCOUNT_HOLDER', 'GUARDIAN', 'CLOSE_RELATIVE_OF_DECEASED'));
