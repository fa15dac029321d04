-- The account system's record of a holder's death, for close relatives' requests (PIPL Art. 49; docs/rights.md,
-- "Who may file"). The account records the death (a date, set by staff when the provider learns of it) and whether the holder
-- arranged otherwise during their lifetime (then a relative's request is proposed for refusal in the review).
alter table account add column deceased_on date;
alter table account add column deceased_instruction boolean not null default false;
