#!/usr/bin/env bash
# Runs costgate's performance benchmarks against a real Postgres (found or
# started as for make test) and prints the table of docs/performance.md.
#   BENCH_SIZES=1000,10000   plan sizes (default 1000,10000,50000)
#   BENCH_TIME=3x            iterations of the estimation benchmarks
#   BENCH_INTAKE_SECONDS=30  intake load duration; BENCH_INTAKE_CLIENTS=200
#   BENCH_OUT=file           keep the raw benchmark output there
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-postgres.sh
ensure_test_database_url
work=$(mktemp -d /tmp/costgate-bench.XXXXXX)
at_exit 'rm -rf "$work"'
out=${BENCH_OUT:-$work/bench.txt}
: >"$out"

# Test binaries and the service binary are built first, so the runs measure
# one consistent tree even if files change meanwhile.
go build -o "$work/costgate" ./cmd/costgate
go test -c -o "$work/perf.test" ./internal/perf
go test -c -o "$work/pricing.test" ./pricing
export COSTGATE_BENCH_BINARY=$work/costgate
export COSTGATE_BENCH_SIZES=${BENCH_SIZES:-1000,10000,50000}
export COSTGATE_BENCH_INTAKE_SECONDS=${BENCH_INTAKE_SECONDS:-30}
export COSTGATE_BENCH_INTAKE_CLIENTS=${BENCH_INTAKE_CLIENTS:-200}
export BENCH_POSTGRES_VERSION="PostgreSQL $(psql "$TEST_DATABASE_URL" -Atc 'SHOW server_version' 2>/dev/null || echo '?')"

run() { echo "== $*" >&2; "$@" 2>&1 | tee -a "$out" | grep -E '^(Benchmark|--- FAIL|FAIL|panic)' >&2 || true; }
(cd internal/perf && run "$work/perf.test" -test.run '^$' -test.bench '^BenchmarkEstimate$' -test.benchtime "${BENCH_TIME:-3x}" -test.timeout 60m)
(cd internal/perf && run "$work/perf.test" -test.run '^$' -test.bench '^BenchmarkEmbeddedCatalog$' -test.benchtime 3x -test.timeout 20m)
(cd internal/perf && run "$work/perf.test" -test.run '^$' -test.bench '^BenchmarkIntake$' -test.benchtime 1x -test.timeout 30m)
(cd pricing && run "$work/pricing.test" -test.run '^$' -test.bench '^(BenchmarkLookup10k|BenchmarkLoad|BenchmarkPlainCopy|BenchmarkLoadMemoryCatalog)$' -test.benchtime 1x -test.timeout 30m)
go run ./internal/benchreport <"$out"
