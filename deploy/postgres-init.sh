#!/usr/bin/env bash
# First-boot initialisation of the compose Postgres (docker-entrypoint-initdb.d; runs once, on
# an empty data directory, before the server starts listening on TCP).
# Least privilege: `beatvegas_owner` owns the schema and runs migrations; the workers connect as
# `beatvegas_app`, which can read and write rows but cannot create, alter or drop anything.
# Audit rows are append-only: migration 0005 revokes UPDATE and DELETE on line_checks,
# game_inputs, simulations, decomposition_logs, pick_audit and pick_results (and DELETE on
# slate_runs) from `beatvegas_app`, and triggers refuse those changes for every role.
# `temporal` owns Temporal's two databases, created here so that the Temporal server's setup
# finds them whatever its own create step decides (it skips a database named like its user).
#
# Passwords come from Docker secret files: BEATVEGAS_OWNER_PASSWORD_FILE,
# BEATVEGAS_DB_PASSWORD_FILE, TEMPORAL_DB_PASSWORD_FILE (or the variables without _FILE).
# They reach psql as variables (:'name'), quoted by psql, never spliced into the SQL text.
set -euo pipefail

# secret NAME: the content of $NAME_FILE, else $NAME; a missing or empty secret stops the boot.
secret() {
  local name=$1 file_var="${1}_FILE" value
  if [[ -n ${!file_var:-} ]]; then
    [[ -r ${!file_var} ]] || { echo "postgres-init: ${file_var}=${!file_var} is not readable" >&2; exit 1; }
    value=$(<"${!file_var}")
  else
    value=${!name:-}
  fi
  value="${value%"${value##*[![:space:]]}"}" # trailing newline of the secret file
  [[ -n $value ]] || { echo "postgres-init: ${name} (or ${file_var}) is empty" >&2; exit 1; }
  printf '%s' "$value"
}

owner_password=$(secret BEATVEGAS_OWNER_PASSWORD)
app_password=$(secret BEATVEGAS_DB_PASSWORD)
temporal_password=$(secret TEMPORAL_DB_PASSWORD)

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$owner_password" -v app_password="$app_password" \
  -v temporal_password="$temporal_password" <<'SQL'
CREATE ROLE beatvegas_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE beatvegas_app LOGIN PASSWORD :'app_password';
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
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
