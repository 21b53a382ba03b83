// Package openapitest checks API responses against costgate's OpenAPI
// document in tests. Wrap the server's handler with Handler and every
// response under /api/v1/ is validated; a response the document does not
// describe fails the test.
package openapitest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/costgate/costgate/api"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// APIPrefix is the part of the URL space the document describes.
const APIPrefix = "/api/v1/"

// Load parses and validates the API's OpenAPI document.
func Load(ctx context.Context) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPIDocument())
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, err
	}
	return doc, nil
}

// Validator validates responses against the document and counts which
// operations and statuses were seen.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
	mu     sync.Mutex
	seen   map[string]int // "GET /api/v1/runs 200"
}

// NewValidator loads the document; it fails t when the document is invalid.
func NewValidator(t testing.TB) *Validator {
	t.Helper()
	doc, err := Load(context.Background())
	if err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("routing the OpenAPI document: %v", err)
	}
	return &Validator{doc: doc, router: router, seen: map[string]int{}}
}

// Handler wraps h so every /api/v1/ response is checked against the
// document; mismatches fail t (with the request and the body).
func Handler(t testing.TB, h http.Handler) http.Handler {
	return NewValidator(t).Wrap(t, h)
}

// Wrap is Handler with this validator (to inspect coverage afterwards).
func (v *Validator) Wrap(t testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, APIPrefix) {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if err := v.Check(r, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Errorf("%s %s → %d does not match the OpenAPI document: %v\nbody: %s", r.Method, r.URL.RequestURI(), rec.Code, err, clip(rec.Body.Bytes()))
		}
		for k, vals := range rec.Header() {
			w.Header()[k] = vals
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// Check validates one response to r.
func (v *Validator) Check(r *http.Request, status int, header http.Header, body []byte) error {
	route, pathParams, err := v.router.FindRoute(r)
	if err != nil {
		// Unknown paths and methods answer with the error shape.
		if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
			v.count(r.Method + " (unrouted) " + http.StatusText(status))
			return v.checkError(body)
		}
		return err
	}
	v.count(r.Method + " " + route.Path + " " + http.StatusText(status))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: pathParams, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(r.Context(), in)
}

func (v *Validator) checkError(body []byte) error {
	var value any
	if err := json.Unmarshal(body, &value); err != nil {
		return fmt.Errorf("error body is not JSON: %w", err)
	}
	return v.doc.Components.Schemas["Error"].Value.VisitJSON(value)
}

func (v *Validator) count(key string) {
	v.mu.Lock()
	v.seen[key]++
	v.mu.Unlock()
}

// Seen returns how often each "METHOD /path Status" was answered.
func (v *Validator) Seen() map[string]int {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make(map[string]int, len(v.seen))
	for k, n := range v.seen {
		out[k] = n
	}
	return out
}

// Operations lists every "METHOD /path" of the document.
func (v *Validator) Operations() []string {
	var out []string
	for path, item := range v.doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	return out
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}
