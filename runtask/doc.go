// Package runtask speaks the HCP Terraform / Terraform Enterprise run task
// protocol (docs: runtask-protocol.md): it decodes and validates the inbound
// request, verifies its HMAC signature, checks plan and callback URLs against
// an allow-list of hosts, fetches the plan JSON and sends the result callback.
//
// It is pure protocol plus HTTP clients: it must not import the database or
// Echo. Nothing here logs or formats an access token, an HMAC key, a callback
// URL's query string or plan content.
package runtask
