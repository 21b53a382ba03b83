package runtask

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultCallbackTimeout bounds one callback PATCH.
const DefaultCallbackTimeout = 30 * time.Second

// CallbackClient PATCHes results to task_result_callback_url, one attempt per
// call: the service's job retries RetryableErrors with Backoff.
type CallbackClient struct {
	HTTPClient *http.Client // redirects are never followed, whatever its CheckRedirect
	Hosts      HostPolicy
	Timeout    time.Duration // default DefaultCallbackTimeout
	UserAgent  string        // default "costgate"
}

// Send PATCHes doc to callbackURL exactly as received (query included) with
// the bearer token. It returns nil on 2xx; ErrAlreadyFinal on 409 (done);
// a *PermanentError for 401/403/404/422 and other 4xx, 3xx, a refused host
// or an invalid doc (do not retry); a *RetryableError for 408/429/5xx,
// network errors and timeouts (retry later, honouring RetryAfter).
func (c *CallbackClient) Send(ctx context.Context, callbackURL, token string, doc CallbackDoc) error {
	if err := c.Hosts.Check(callbackURL); err != nil {
		return &PermanentError{Err: err}
	}
	if err := doc.Validate(); err != nil {
		return &PermanentError{Err: err}
	}
	if token == "" {
		return &PermanentError{Err: errors.New("no access token")}
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return &PermanentError{Err: fmt.Errorf("encoding callback: %w", err)}
	}
	ctx, cancel := context.WithTimeout(ctx, durationOr(c.Timeout, DefaultCallbackTimeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, callbackURL, bytes.NewReader(body))
	if err != nil {
		return &PermanentError{Err: fmt.Errorf("building callback request: %w", stripURL(err))}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", JSONAPIMimeType)
	req.Header.Set("Accept", JSONAPIMimeType)
	ua := c.UserAgent
	if ua == "" {
		ua = "costgate"
	}
	req.Header.Set("User-Agent", ua)

	hc := c.HTTPClient
	if hc == nil {
		hc = NewHTTPClient(ClientOptions{Hosts: c.Hosts})
	}
	resp, err := noRedirects(hc).Do(req)
	if err != nil {
		return &RetryableError{Err: fmt.Errorf("sending callback to %s: %w", req.URL.Host, stripURL(err))}
	}
	defer drainClose(resp.Body)
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4*maxSnippet))
	text := snippet(b, token)
	switch {
	case resp.StatusCode == http.StatusConflict:
		return ErrAlreadyFinal
	case retryableStatus(resp.StatusCode):
		return &RetryableError{Status: resp.StatusCode, Body: text, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	default:
		return &PermanentError{Status: resp.StatusCode, Body: text}
	}
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(min(secs, 3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), time.Hour)
	}
	return 0
}

// Validate checks doc against the protocol: the type, a known status and
// every limit of §6.2. BuildCallback's output always passes.
func (d CallbackDoc) Validate() error {
	a := d.Data.Attributes
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if d.Data.Type != CallbackType {
		add("data.type must be %q", CallbackType)
	}
	switch a.Status {
	case StatusRunning, StatusPassed, StatusFailed:
	default:
		add("status must be running, passed or failed, got %q", truncateRunes(a.Status, 40))
	}
	if n := utf8.RuneCountInString(a.Message); n > MaxMessageRunes {
		add("message has %d characters, over %d", n, MaxMessageRunes)
	}
	if a.URL != "" && cleanURL(a.URL) == "" {
		add("url must be an absolute http(s) URL of at most %d characters", MaxURLRunes)
	}
	if d.Data.Relationships != nil {
		outcomes := d.Data.Relationships.Outcomes.Data
		if len(outcomes) == 0 || len(outcomes) > MaxOutcomes {
			add("outcomes must number 1 to %d, got %d", MaxOutcomes, len(outcomes))
		}
		for i, o := range outcomes {
			if p := o.problem(); p != "" {
				add("outcome %d: %s", i, p)
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid callback: %s", strings.Join(problems, "; "))
	}
	return nil
}

// problem describes the first limit o breaks, or "".
func (o Outcome) problem() string {
	a := o.Attributes
	switch {
	case o.Type != OutcomeType:
		return fmt.Sprintf("type must be %q", OutcomeType)
	case a.OutcomeID == "" || utf8.RuneCountInString(a.OutcomeID) > MaxOutcomeIDRunes:
		return fmt.Sprintf("outcome-id must have 1 to %d characters", MaxOutcomeIDRunes)
	case a.Description == "" || utf8.RuneCountInString(a.Description) > MaxDescriptionRunes:
		return fmt.Sprintf("description must have 1 to %d characters", MaxDescriptionRunes)
	case utf8.RuneCountInString(a.Body) > MaxBodyRunes:
		return fmt.Sprintf("body over %d characters", MaxBodyRunes)
	case a.URL != "" && cleanURL(a.URL) == "":
		return "url must be an absolute http(s) URL of at most 500 characters"
	case len(a.Tags) > MaxTagKeys:
		return fmt.Sprintf("more than %d tag keys", MaxTagKeys)
	}
	for k, labels := range a.Tags {
		if tagKey(k) != k {
			return fmt.Sprintf("tag key %q is not a single word", k)
		}
		if len(labels) > MaxLabelsPerKey {
			return fmt.Sprintf("tag %q has more than %d labels", k, MaxLabelsPerKey)
		}
		for _, t := range labels {
			if utf8.RuneCountInString(t.Label) > MaxLabelRunes {
				return fmt.Sprintf("tag %q has a label over %d characters", k, MaxLabelRunes)
			}
			if t.Level != "" && t.Level != LevelNone && tagLevel(t.Level) != t.Level {
				return fmt.Sprintf("tag %q has level %q", k, truncateRunes(t.Level, 20))
			}
		}
	}
	return ""
}

// Backoff is the wait before retry number attempt (1-based) of a callback:
// exponential from 2 s, capped at 2 min, with jitter so that many runs
// failing together do not retry together. Never zero.
func Backoff(attempt int) time.Duration {
	const base, ceiling = 2 * time.Second, 2 * time.Minute
	d := base
	for i := 1; i < attempt && d < ceiling; i++ {
		d *= 2
	}
	d = min(d, ceiling)
	half := d / 2
	return half + rand.N(half+1)
}
