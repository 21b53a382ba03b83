// Package e2e holds the end-to-end tests of the run task service: the real
// HTTP handler, river workers and Postgres, against a fake TFC.
package e2e
