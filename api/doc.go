// Package api is costgate's HTTP server on Echo: one route table
// (routes.go), one JSON error handler (errors.go), and handlers in files by
// concern: the run task endpoint (runtask.go) and operations (health.go).
// Later the JSON API and the dashboard add their routes to the same table.
package api
