package api

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/labstack/echo/v4"
)

// invalidParameter is the 400 of every history endpoint: it names the
// parameter so a client can fix its request.
func invalidParameter(name, message string) *Error {
	e := NewError(http.StatusBadRequest, "invalid_parameter", name+": "+message)
	e.Detail.Field = name
	return e
}

// params reads a request's query string. Parameters an endpoint does not
// know are refused, so a typo does not silently widen a query.
type params struct {
	values url.Values
}

func readParams(c echo.Context, known ...string) (params, error) {
	values := c.QueryParams()
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !slices.Contains(known, name) {
			return params{}, invalidParameter(name, "unknown parameter; this endpoint takes "+strings.Join(known, ", "))
		}
		if len(values[name]) > 1 {
			return params{}, invalidParameter(name, "given more than once")
		}
	}
	return params{values: values}, nil
}

func (p params) str(name string) string { return p.values.Get(name) }

// list reads a comma-separated list of allowed words.
func (p params) list(name string, allowed ...string) ([]string, error) {
	raw := p.values.Get(name)
	if raw == "" {
		return nil, nil
	}
	var out []string
	for _, v := range strings.Split(raw, ",") {
		v = strings.TrimSpace(v)
		if !slices.Contains(allowed, v) {
			return nil, invalidParameter(name, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

func (p params) oneOf(name, def string, allowed ...string) (string, error) {
	v := p.values.Get(name)
	if v == "" {
		return def, nil
	}
	if !slices.Contains(allowed, v) {
		return "", invalidParameter(name, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
	}
	return v, nil
}

func (p params) boolean(name string) (*bool, error) {
	switch p.values.Get(name) {
	case "":
		return nil, nil
	case "true":
		v := true
		return &v, nil
	case "false":
		v := false
		return &v, nil
	}
	return nil, invalidParameter(name, "must be true or false")
}

// instant reads an RFC 3339 time or a date (YYYY-MM-DD, midnight UTC).
func (p params) instant(name string) (*time.Time, error) {
	raw := p.values.Get(name)
	if raw == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
		return &t, nil
	}
	if t, err := time.Parse(time.DateOnly, raw); err == nil {
		return &t, nil
	}
	return nil, invalidParameter(name, "must be an RFC 3339 time (2025-03-10T09:00:00Z) or a date (2025-03-10)")
}

// window reads since (inclusive) and until (exclusive).
func (p params) window() (since, until *time.Time, err error) {
	if since, err = p.instant("since"); err != nil {
		return nil, nil, err
	}
	if until, err = p.instant("until"); err != nil {
		return nil, nil, err
	}
	if since != nil && until != nil && !until.After(*since) {
		return nil, nil, invalidParameter("until", "must be after since")
	}
	return since, until, nil
}

func (p params) limit(def, max int) (int, error) {
	raw := p.values.Get("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > max {
		return 0, invalidParameter("limit", fmt.Sprintf("must be a whole number from 1 to %d", max))
	}
	return n, nil
}

// cursorJSON is the position a cursor encodes: receipt time (Unix
// microseconds, Postgres's precision) and row id.
type cursorJSON struct {
	ReceivedAt int64 `json:"t"`
	PK         int64 `json:"i"`
}

func encodeCursor(c *store.RunCursor) *string {
	if c == nil {
		return nil
	}
	raw, _ := json.Marshal(cursorJSON{ReceivedAt: c.ReceivedAt.UnixMicro(), PK: c.PK})
	s := base64.RawURLEncoding.EncodeToString(raw)
	return &s
}

func (p params) cursor() (*store.RunCursor, error) {
	raw := p.values.Get("cursor")
	if raw == "" {
		return nil, nil
	}
	bad := invalidParameter("cursor", "not a cursor returned by this endpoint (next_cursor)")
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return nil, bad
	}
	var c cursorJSON
	if err := json.Unmarshal(b, &c); err != nil || c.PK <= 0 {
		return nil, bad
	}
	return &store.RunCursor{ReceivedAt: time.UnixMicro(c.ReceivedAt).UTC(), PK: c.PK}, nil
}

// pathParam is a path parameter, unescaped.
func pathParam(c echo.Context, name string) string {
	v := c.Param(name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
