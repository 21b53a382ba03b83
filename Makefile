.PHONY: run test build bench-ack fuzz bench

# Runs the service; starts a throwaway Postgres when DATABASE_URL is unset.
run:
	go run ./cmd/costgate serve --insecure-no-hmac

# Runs every test against a real Postgres (found or started).
test:
	./scripts/test.sh

# A static binary (no cgo), as the Dockerfile builds it.
build:
	CGO_ENABLED=0 go build -o bin/costgate ./cmd/costgate

# Performance benchmarks (estimation, intake, catalog) against their targets:
# prints the table of docs/performance.md. BENCH_SIZES=1000,10000 for a quick run.
bench:
	./scripts/bench.sh

# Ack latency (p50/p99) of 1,000 signed POST /runtask on real Postgres.
bench-ack:
	./scripts/bench-ack.sh

# Runs every fuzz target FUZZTIME each (default 1m); FUZZ=pattern picks some.
fuzz:
	FUZZTIME=$(or $(FUZZTIME),1m) ./scripts/fuzz.sh
