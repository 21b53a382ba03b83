// Package perf holds costgate's end-to-end performance benchmarks and the
// helpers they share: generated plans (internal/plangen), a Postgres catalog
// loaded with the embedded pricing-data, a round-trip counter and a peak-heap
// sampler. `make bench` runs them and prints the table of docs/performance.md.
package perf
