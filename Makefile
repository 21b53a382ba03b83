.PHONY: run test build bench-ack

# Runs the service; starts a throwaway Postgres when DATABASE_URL is unset.
run:
	go run ./cmd/costgate serve --insecure-no-hmac

# Runs every test against a real Postgres (found or started).
test:
	./scripts/test.sh

build:
	go build -o bin/costgate ./cmd/costgate

# Ack latency (p50/p99) of 1,000 signed POST /runtask on real Postgres.
bench-ack:
	./scripts/bench-ack.sh
