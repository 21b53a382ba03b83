package runtask

import (
	"crypto/x509"
	"net/http"
	"net/http/httptest"
)

// hangUp drops the connection without a response (returning from the
// handler would send an empty 200 to a client that already gave up).
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}

// certPool trusts srv's test certificate.
func certPool(srv *httptest.Server) *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return pool
}
