-- CORRECT: a change for a field the provider holds no value for adds it (a supplement, 补充). The result notice says
-- "added" rather than "corrected" for it; the audit entry records the old value as ∅.
alter table correction_change add column supplement boolean default false not null;
-- A supplement of the security email or phone adds the account's security row when it has none: the row's time
-- stamp fills itself, as every other column of the row does.
alter table account_security alter column updated_at set default current_timestamp;
