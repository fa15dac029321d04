#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: the billing system's own database and its tables.
# In a real deployment that database belongs to the billing system and exists already.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "create database billing"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname billing -f /schemas/billing-system.sql
