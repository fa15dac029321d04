-- A disputed correction may restrict the contested categories while it is reviewed (docs/rights.md, CORRECT): the
-- restriction is a processing_restriction of the CORRECT request (so the purpose check and every later lift respect
-- it) and is lifted when the correction is decided, recorded as lifted_by 'DECIDED'.
alter table processing_restriction drop constraint ck_processing_restriction_lifted_by;
alter table processing_restriction add constraint ck_processing_restriction_lifted_by
    check (lifted_by is null or lifted_by in ('END_DATE', 'LIFT_REQUEST', 'DECIDED'));
