.PHONY: run test build bench

# Runs the service; starts a throwaway Postgres when DATABASE_URL is unset.
run:
	go run ./cmd/costgate serve --insecure-no-hmac

# Runs every test against a real Postgres (found or started).
test:
	./scripts/test.sh

build:
	go build -o bin/costgate ./cmd/costgate
