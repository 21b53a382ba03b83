package faketfc

import (
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"time"
)

// runFaults are one run's scripted misbehaviours (RunOptions).
type runFaults struct {
	planStatus       int
	planHold         <-chan struct{}
	planTrickle      time.Duration
	callbackScript   []int
	planRedirect     string
	callbackRedirect string
}

// scripted takes the run's next scripted callback status, if any.
func (s *Server) scripted(r *run, known bool) (int, bool) {
	if !known {
		return 0, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(r.faults.callbackScript) == 0 {
		return 0, false
	}
	status := r.faults.callbackScript[0]
	r.faults.callbackScript = r.faults.callbackScript[1:]
	return status, status != 0 && status != http.StatusOK
}

// SetCallbackDelay makes every callback answer d after it was judged and
// recorded: a client killed meanwhile never learns that TFC accepted it.
func (s *Server) SetCallbackDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callbackDelay = d
}

func (s *Server) delayAnswer(r *http.Request) {
	s.mu.Lock()
	d := s.callbackDelay
	s.mu.Unlock()
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	case <-s.closing:
	}
}

// hold waits until hold is closed; false when the client or the fake gave up first.
func (s *Server) hold(r *http.Request, hold <-chan struct{}) bool {
	if hold == nil {
		return true
	}
	select {
	case <-hold:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

// writeSlowly writes body in 16 parts, pausing before each, so a client's
// whole-fetch deadline (not only its header timeout) is exercised.
func (s *Server) writeSlowly(w http.ResponseWriter, r *http.Request, body []byte, pause time.Duration) {
	if pause <= 0 {
		w.Write(body)
		return
	}
	flusher, _ := w.(http.Flusher)
	part := max(len(body)/16, 1)
	for len(body) > 0 {
		t := time.NewTimer(pause)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.closing:
			t.Stop()
			return
		}
		n := min(part, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		body = body[n:]
	}
}

// Requests counts every request either host received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiRequests + len(s.archivistAuth)
}

// CertPEM is the fake's TLS certificate in PEM (nil with PlainHTTP), for a
// process under test to trust through SSL_CERT_FILE.
func (s *Server) CertPEM() []byte {
	if s.opts.PlainHTTP {
		return nil
	}
	var out []byte
	for _, c := range []*x509.Certificate{s.api.Certificate(), s.archivist.Certificate()} {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}
