// Package faketfc is a fake HCP Terraform for tests: an API host serving the
// plan JSON endpoint (204s, then a 307 to an archivist host) and the task
// result callback endpoint, validating and recording everything it is sent
// as runtask-protocol.md describes, with faults on demand (error statuses,
// hangs, a closed listener).
//
// Both hosts listen on 127.0.0.1; the service under test must allow the host
// "127.0.0.1" (any port) — Hosts() returns that policy — and trust the fake's
// certificate (CertPool, HTTPClient), or run with PlainHTTP and AllowHTTP.
package faketfc
