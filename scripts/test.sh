#!/usr/bin/env bash
# Runs the whole test suite against a real Postgres: TEST_DATABASE_URL if set,
# else the local server on 127.0.0.1:5432 (started if it is installed but
# down), else a throwaway server in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-postgres.sh

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  ensure_postgres
  TEST_DATABASE_URL=$PG_URL
  export TEST_DATABASE_URL
fi
echo "tests use Postgres at ${TEST_DATABASE_URL}" >&2
go test -race -timeout 20m "$@" ./...
