#!/usr/bin/env bash
# Measures the ack latency (p50/p99/max) of 1,000 signed POST /runtask
# against the real handler, river workers and Postgres (found or started).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-postgres.sh
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  ensure_postgres
  TEST_DATABASE_URL=$PG_URL
  export TEST_DATABASE_URL
fi
go test -run '^$' -bench AckLatency -benchtime "${ACK_REQUESTS:-1000}x" ./internal/e2e
