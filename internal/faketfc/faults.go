package faketfc

import (
	"fmt"
	"net/http"
)

// fault is a canned failure for the next request of an endpoint.
type fault struct {
	status int  // HTTP status to answer
	hang   bool // hold the request until the client gives up
}

// FailCallbacks makes the next n callback PATCHes answer status (503, 500,
// 429, 422, 401, …) before any check; they are recorded with that status.
func (s *Server) FailCallbacks(status, n int) {
	s.addFaults(&s.callbackFault, fault{status: status}, n)
}

// HangCallbacks makes the next n callback PATCHes hang until the client
// gives up (they are recorded with Response 0).
func (s *Server) HangCallbacks(n int) {
	s.addFaults(&s.callbackFault, fault{hang: true}, n)
}

// FailPlans makes the next n plan GETs answer status before any check.
func (s *Server) FailPlans(status, n int) {
	s.addFaults(&s.planFault, fault{status: status}, n)
}

// Down closes the API host's listener and its open connections: requests
// fail with "connection refused" until Up.
func (s *Server) Down() {
	s.apiLn.down()
	s.api.CloseClientConnections()
}

// Up listens again on the API host's address.
func (s *Server) Up() error {
	if err := s.apiLn.reopen(); err != nil {
		return fmt.Errorf("faketfc: reopening %s: %w", s.apiLn.Addr(), err)
	}
	return nil
}

func (s *Server) addFaults(queue *[]fault, f fault, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		*queue = append(*queue, f)
	}
}

// nextFault takes the first queued fault, if any.
func (s *Server) nextFault(queue *[]fault) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*queue) == 0 {
		return fault{}, false
	}
	f := (*queue)[0]
	*queue = (*queue)[1:]
	return f, true
}

// applyFault answers (or holds) a request as f says.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f fault) {
	if f.hang {
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		hangUp(w)
		return
	}
	if f.status == http.StatusTooManyRequests || f.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeError(w, f.status, http.StatusText(f.status), "fault injected by the test")
}

// hangUp drops the connection without a response, as a hung server that is
// finally cut off does (returning would send an empty 200).
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}
