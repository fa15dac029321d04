#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: the demo CRM's own database (its worker creates its tables).
# In a real deployment the CRM and its database are the CRM's own, wherever they run.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "create database crm"
