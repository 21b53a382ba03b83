#!/usr/bin/env bash
# Measures the ack latency (p50/p99/max) of 1,000 signed POST /runtask
# against the real handler, river workers and Postgres (found or started).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-postgres.sh
ensure_test_database_url
go test -run '^$' -bench AckLatency -benchtime "${ACK_REQUESTS:-1000}x" ./internal/e2e
