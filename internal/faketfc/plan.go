package faketfc

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// objectLifetime is how long a temporary archivist URL works (§7: 1 minute).
const objectLifetime = time.Minute

// servePlan answers GET /api/v2/plans/{id}/json-output as TFC does: 401 on a
// wrong token, 204 while "not ready", then 307 to a temporary archivist URL.
func (s *Server) servePlan(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed", "use GET")
		return
	}
	if f, ok := s.nextFault(&s.planFault); ok {
		s.applyFault(w, r, f)
		return
	}
	s.mu.Lock()
	run, ok := s.plans[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "not found", "no such plan")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+run.fixture.Token {
		writeError(w, http.StatusUnauthorized, "unauthorized", "bad or missing bearer token")
		return
	}
	if status := run.faults.planStatus; status != 0 {
		s.mu.Lock()
		run.planGets++
		s.mu.Unlock()
		writeError(w, status, http.StatusText(status), "plan status set by the test")
		return
	}
	s.mu.Lock()
	run.planGets++
	notReady := run.notReady > 0
	if notReady {
		run.notReady--
	}
	id := newID("obj-")
	if !notReady {
		s.objects[id] = object{plan: run.plan, expires: time.Now().Add(objectLifetime), faults: run.faults}
	}
	s.mu.Unlock()
	if notReady {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if loc := run.faults.planRedirect; loc != "" {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusTemporaryRedirect)
		return
	}
	target := s.archivist.URL + "/v1/object/" + id + "?expires=" + strconv.FormatInt(time.Now().Add(objectLifetime).Unix(), 10) + "&signature=" + newID("")
	http.Redirect(w, r, target, http.StatusTemporaryRedirect)
}

// serveArchivist serves temporary plan objects and records the
// Authorization header of every request (the token must never come here).
func (s *Server) serveArchivist(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.archivistAuth = append(s.archivistAuth, r.Header.Get("Authorization"))
	obj, ok := s.objects[strings.TrimPrefix(r.URL.Path, "/v1/object/")]
	s.mu.Unlock()
	switch {
	case r.Method != http.MethodGet:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	case !ok:
		http.Error(w, "no such object", http.StatusNotFound)
	case time.Now().After(obj.expires):
		http.Error(w, "expired", http.StatusForbidden)
	default:
		if !s.hold(r, obj.faults.planHold) {
			hangUp(w)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(obj.plan)))
		s.writeSlowly(w, r, obj.plan, obj.faults.planTrickle)
	}
}
