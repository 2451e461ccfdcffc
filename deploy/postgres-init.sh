#!/usr/bin/env bash
# Least privilege: `beatvegas_owner` owns the schema and runs migrations; the workers connect as
# `beatvegas_app`, which can read and write rows but cannot create, alter or drop anything.
# Audit rows are append-only: migration 0005 revokes UPDATE and DELETE on line_checks,
# game_inputs, simulations, decomposition_logs, pick_audit and pick_results (and DELETE on
# slate_runs) from `beatvegas_app`, and triggers refuse those changes for every role.
# `temporal` owns Temporal's own databases.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
CREATE ROLE beatvegas_owner LOGIN PASSWORD '${BEATVEGAS_OWNER_PASSWORD:-${BEATVEGAS_DB_PASSWORD}}';
CREATE ROLE beatvegas_app LOGIN PASSWORD '${BEATVEGAS_DB_PASSWORD}';
CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${TEMPORAL_DB_PASSWORD:-${BEATVEGAS_DB_PASSWORD}}';
CREATE DATABASE beatvegas OWNER beatvegas_owner;
\connect beatvegas
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO beatvegas_app;
ALTER DEFAULT PRIVILEGES FOR ROLE beatvegas_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO beatvegas_app;
ALTER DEFAULT PRIVILEGES FOR ROLE beatvegas_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO beatvegas_app;
GRANT CREATE ON SCHEMA public TO beatvegas_owner;
SQL
