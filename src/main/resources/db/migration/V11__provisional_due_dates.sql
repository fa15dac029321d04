-- A due date that rests on a year without official working-day calendar data (every day of it counted as a working
-- day: the earliest possible date) is provisional until the data arrives; the date itself never moves later.
alter table rights_request add column due_date_provisional boolean default false not null;
