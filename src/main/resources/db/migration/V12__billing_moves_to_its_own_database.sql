-- Payments, bills and invoices belong to the billing system, which has a database of its own (data map:
-- datamap/billing-system.json, connection "billing"; the demo's schema: demo/billing-system.sql). The account
-- system no longer holds them: an unmapped copy would be personal data that no request reaches.
drop table if exists account_payment;
drop table if exists account_bill;
drop table if exists account_invoice;
