#!/bin/bash
# Runs once, on the first start of an empty data directory (docker-entrypoint-initdb.d); safe to run again on an
# existing one (docker compose exec postgres bash /docker-entrypoint-initdb.d/10-init-databases.sh), which adds what
# is missing and sets the passwords anew. For each service: a database reachable by its two roles only,
#   <name>      owns the database and its schema; Flyway migrates as it (DB_OWNER_USERNAME)
#   <name>_app  the service connects as it (DB_USERNAME); owns nothing, gets its privileges from the migrations,
#               so it cannot alter, drop or truncate a table nor disable a trigger (the audit ledger's append-only ones)
# Passwords come from the environment (<NAME>_DB_OWNER_PASSWORD, <NAME>_DB_PASSWORD, set in .env), never from this file.
set -euo pipefail

for name in ${CBDF_DATABASES:?list the service databases, e.g. "transfer policy dispute audit"}; do
  owner_variable="${name^^}_DB_OWNER_PASSWORD"
  runtime_variable="${name^^}_DB_PASSWORD"
  owner_password="${!owner_variable:?${owner_variable} is not set (copy .env.example to .env)}"
  runtime_password="${!runtime_variable:?${runtime_variable} is not set (copy .env.example to .env)}"
  if [[ "$owner_password" == "$runtime_password" ]]; then
    echo "${owner_variable} and ${runtime_variable} are the same: give the owner and the runtime role their own" >&2
    exit 1
  fi
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$name" -v runtime="${name}_app" \
       -v owner_password="$owner_password" -v runtime_password="$runtime_password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'runtime') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'runtime') \gexec
ALTER ROLE :"name" PASSWORD :'owner_password';
ALTER ROLE :"runtime" PASSWORD :'runtime_password';
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"name" TO :"runtime";
\connect :"name"
-- the owner controls the schema (PostgreSQL 15+ already gives it to the database owner, and lets no one else create)
ALTER SCHEMA public OWNER TO :"name";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
  echo "created database ${name}, its owner ${name} and its runtime role ${name}_app"
done
