#!/usr/bin/env bash
# Runs the whole test suite against a real Postgres: TEST_DATABASE_URL if set,
# else the local server on 127.0.0.1:5432 (started if it is installed but
# down), else a throwaway server in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-postgres.sh

ensure_test_database_url
echo "tests use Postgres at ${TEST_DATABASE_URL}" >&2
go test -race -timeout 20m "$@" ./...
