#!/bin/bash
# Runs once, on the first start of an empty data directory (docker-entrypoint-initdb.d): one database per
# service, owned by a login role of the same name, reachable by that role only. Passwords come from the
# environment (<NAME>_DB_PASSWORD, set in .env), never from this file.
set -euo pipefail

for name in ${CBDF_DATABASES:?list the service databases, e.g. "transfer policy dispute audit"}; do
  variable="${name^^}_DB_PASSWORD"
  password="${!variable:?${variable} is not set (copy .env.example to .env)}"
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "created database and role ${name}"
done
