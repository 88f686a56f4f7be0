#!/usr/bin/env bash
# Install PostgreSQL from Debian packages, start it on localhost, create a user and a database,
# and print the URL for CORROBORATE_TEST_POSTGRES_URL on stdout (messages go to stderr).
# Never fails the CI run: without apt, root or a working server it warns and exits 0, printing nothing.
set -uo pipefail

DB_NAME=${CORROBORATE_PG_DATABASE:-corroborate_test}
DB_USER=${CORROBORATE_PG_USER:-corroborate}
DB_PASSWORD=${CORROBORATE_PG_PASSWORD:-corroborate}
PORT=${CORROBORATE_PG_PORT:-5432}

warn() { echo "postgres.sh: warning: $*; PostgreSQL tests will be skipped" >&2; exit 0; }

command -v apt-get >/dev/null 2>&1 || warn "apt-get is not available"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || warn "not root and no password-less sudo"
    SUDO="sudo -n"
fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >&2 || warn "apt-get update failed"
    $SUDO apt-get install -y -qq postgresql >&2 || warn "apt-get install postgresql failed"
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || warn "no PostgreSQL binaries after installation"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sudo -n -u postgres sh -c "$*"; fi; }

if ! "$BIN/pg_isready" -q -h localhost -p "$PORT"; then
    DATA=/var/lib/postgresql/corroborate-ci
    $SUDO mkdir -p "$DATA" /var/run/postgresql && $SUDO chown postgres:postgres "$DATA" /var/run/postgresql
    if [ ! -f "$DATA/PG_VERSION" ]; then
        as_postgres "'$BIN/initdb' -D '$DATA' --auth-local=peer --auth-host=scram-sha-256 >/dev/null" >&2 || warn "initdb failed"
    fi
    as_postgres "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -o '-h localhost -p $PORT -k /var/run/postgresql' -w start" >&2 \
        || warn "the server did not start (see $DATA/server.log)"
fi

as_postgres "psql -q -h /var/run/postgresql -p $PORT -d postgres -v ON_ERROR_STOP=1" >&2 <<SQL || warn "cannot create the user and database"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
SQL

echo "postgresql+psycopg://$DB_USER:$DB_PASSWORD@localhost:$PORT/$DB_NAME"
