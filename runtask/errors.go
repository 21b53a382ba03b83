package runtask

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Errors of the plan fetch and the callback.
var (
	ErrPlanNotReady     = errors.New("plan JSON not ready: TFC kept answering 204")
	ErrPlanTooLarge     = errors.New("plan JSON larger than the configured maximum")
	ErrRedirectRefused  = errors.New("plan redirect refused")
	ErrTooManyRedirects = errors.New("plan fetch: too many redirects")
	// ErrAlreadyFinal is TFC's 409: the task result is already passed or
	// failed. The caller treats the callback as done.
	ErrAlreadyFinal = errors.New("task result already in a final state (409)")
)

// maxSnippet bounds the response body kept in errors.
const maxSnippet = 512

// HTTPStatusError is an unexpected HTTP status from a TFC or archivist host.
// Body is a short, printable snippet with the access token removed.
type HTTPStatusError struct {
	Op     string // "fetching plan", "sending callback"
	Host   string
	Status int
	Body   string
}

func (e *HTTPStatusError) Error() string {
	msg := fmt.Sprintf("%s: %s answered HTTP %d", e.Op, e.Host, e.Status)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// Temporary reports whether the status may go away on retry (429, 5xx).
func (e *HTTPStatusError) Temporary() bool { return retryableStatus(e.Status) }

// PermanentError is a callback the caller must not retry (401, 403, 404,
// 422, other 4xx, a refused host or an invalid body). Status is 0 when the
// request was never sent.
type PermanentError struct {
	Status int
	Body   string
	Err    error
}

func (e *PermanentError) Error() string {
	switch {
	case e.Status == 0:
		return fmt.Sprintf("callback not sent: %v", e.Err)
	case e.Body != "":
		return fmt.Sprintf("callback refused with HTTP %d: %s", e.Status, e.Body)
	default:
		return fmt.Sprintf("callback refused with HTTP %d", e.Status)
	}
}

func (e *PermanentError) Unwrap() error { return e.Err }

// RetryableError is a callback that may succeed later (429, 5xx, network
// errors, timeouts). RetryAfter is TFC's Retry-After, zero when not given.
type RetryableError struct {
	Status     int // 0 for network errors
	RetryAfter time.Duration
	Body       string
	Err        error
}

func (e *RetryableError) Error() string {
	switch {
	case e.Status == 0:
		return fmt.Sprintf("callback failed, will retry: %v", e.Err)
	case e.Body != "":
		return fmt.Sprintf("callback answered HTTP %d, will retry: %s", e.Status, e.Body)
	default:
		return fmt.Sprintf("callback answered HTTP %d, will retry", e.Status)
	}
}

func (e *RetryableError) Unwrap() error { return e.Err }

func retryableStatus(status int) bool {
	return status == 429 || status == 408 || status >= 500
}

// snippet makes a short printable excerpt of a response body with every
// occurrence of the secrets replaced.
func snippet(body []byte, secrets ...string) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[REDACTED]")
		}
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxSnippet {
		s = strings.ToValidUTF8(s[:maxSnippet], "") + "…"
	}
	return s
}
