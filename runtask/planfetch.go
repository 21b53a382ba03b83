package runtask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Plan fetch defaults.
const (
	DefaultMaxPlanBytes int64 = 256 << 20
	DefaultMaxRedirects       = 3
	DefaultPlanTimeout        = 5 * time.Minute
)

// RetryPolicy bounds retries: Attempts tries in all, waiting Initial, then
// twice as long each time, at most Max.
type RetryPolicy struct {
	Attempts int
	Initial  time.Duration
	Max      time.Duration
}

// DefaultNotReady retries a 204 5 times over ~15 s (§7: a 204 right after
// post_plan is unexpected and short-lived).
func DefaultNotReady() RetryPolicy {
	return RetryPolicy{Attempts: 5, Initial: time.Second, Max: 8 * time.Second}
}

// DefaultServerErrors tries 3 times on 429, 5xx and network errors.
func DefaultServerErrors() RetryPolicy {
	return RetryPolicy{Attempts: 3, Initial: time.Second, Max: 4 * time.Second}
}

func (p RetryPolicy) orDefault(def RetryPolicy) RetryPolicy {
	if p.Attempts <= 0 {
		return def
	}
	return p
}

// wait is the pause before try number tried+1.
func (p RetryPolicy) wait(tried int) time.Duration {
	d := p.Initial
	for i := 1; i < tried && d < p.Max; i++ {
		d *= 2
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	return d
}

// PlanClient fetches a run's plan JSON (§7). The zero value works (a new
// client per call); set HTTPClient to share connections and trust TFE CAs.
type PlanClient struct {
	HTTPClient   *http.Client // redirects are handled here, whatever its CheckRedirect
	Hosts        HostPolicy
	MaxBytes     int64         // default DefaultMaxPlanBytes
	MaxRedirects int           // default DefaultMaxRedirects
	Timeout      time.Duration // whole fetch including reading the body; default DefaultPlanTimeout
	NotReady     RetryPolicy   // 204 answers
	ServerErrors RetryPolicy   // 429, 5xx and network errors
}

// errNotReady marks a 204 inside one try.
var errNotReady = errors.New("204")

// transientError marks a network error that a later try may not meet.
type transientError struct{ err error }

func (e transientError) Error() string { return e.err.Error() }
func (e transientError) Unwrap() error { return e.err }

// Fetch GETs planURL with the bearer token and returns the plan JSON body,
// which the caller must close. The token is sent only to planURL's own
// scheme, host and port; redirects (307 to the archivist host) are followed
// without it. Reading more than MaxBytes yields ErrPlanTooLarge. Errors:
// *HostError (URL refused), ErrPlanNotReady, ErrPlanTooLarge,
// ErrRedirectRefused, ErrTooManyRedirects, *HTTPStatusError, or a network or
// context error.
func (c *PlanClient) Fetch(ctx context.Context, planURL, token string) (io.ReadCloser, error) {
	if err := c.Hosts.Check(planURL); err != nil {
		return nil, fmt.Errorf("fetching plan: %w", err)
	}
	origin, err := url.Parse(planURL)
	if err != nil {
		return nil, fmt.Errorf("fetching plan: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, durationOr(c.Timeout, DefaultPlanTimeout))
	hc := c.HTTPClient
	if hc == nil {
		hc = NewHTTPClient(ClientOptions{Hosts: c.Hosts})
	}
	hc = noRedirects(hc)
	notReady, serverErrs := c.NotReady.orDefault(DefaultNotReady()), c.ServerErrors.orDefault(DefaultServerErrors())
	var notReadyTries, serverTries int
	for {
		body, err := c.try(ctx, hc, origin, token)
		if err == nil {
			return &cappedBody{ctx: ctx, rc: body, remaining: c.maxBytes(), cancel: cancel}, nil
		}
		var wait time.Duration
		var statusErr *HTTPStatusError
		var transient transientError
		switch {
		case errors.Is(err, errNotReady):
			notReadyTries++
			if notReadyTries >= notReady.Attempts {
				cancel()
				return nil, ErrPlanNotReady
			}
			wait = notReady.wait(notReadyTries)
		case errors.As(err, &statusErr) && statusErr.Temporary(), errors.As(err, &transient) && ctx.Err() == nil:
			serverTries++
			if serverTries >= serverErrs.Attempts {
				cancel()
				return nil, unwrapTransient(err)
			}
			wait = serverErrs.wait(serverTries)
		default:
			cancel()
			return nil, unwrapTransient(err)
		}
		if err := sleep(ctx, wait); err != nil {
			cancel()
			return nil, fmt.Errorf("fetching plan: waiting to retry: %w", err)
		}
	}
}

func unwrapTransient(err error) error {
	var t transientError
	if errors.As(err, &t) {
		return t.err
	}
	return err
}

func (c *PlanClient) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxPlanBytes
}

// try makes one GET of the plan URL, following redirects.
func (c *PlanClient) try(ctx context.Context, hc *http.Client, origin *url.URL, token string) (io.ReadCloser, error) {
	maxRedirects := c.MaxRedirects
	if maxRedirects <= 0 {
		maxRedirects = DefaultMaxRedirects
	}
	cur := origin
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, cur.String(), nil)
		if err != nil {
			return nil, fmt.Errorf("fetching plan: %w", err)
		}
		req.Header.Set("Accept", "application/json")
		if sameOrigin(cur, origin) {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := hc.Do(req)
		if err == nil && ctx.Err() != nil { // an answer to our hang-up is no answer
			resp.Body.Close()
			err = ctx.Err()
		}
		if err != nil {
			err = fmt.Errorf("fetching plan from %s: %w", cur.Host, stripURL(err))
			if errors.Is(err, ErrRedirectRefused) {
				return nil, err
			}
			return nil, transientError{err}
		}
		switch resp.StatusCode {
		case http.StatusOK:
			if resp.ContentLength > c.maxBytes() {
				resp.Body.Close()
				return nil, fmt.Errorf("fetching plan: %w: Content-Length %d over %d bytes", ErrPlanTooLarge, resp.ContentLength, c.maxBytes())
			}
			return resp.Body, nil
		case http.StatusNoContent:
			drainClose(resp.Body)
			return nil, errNotReady
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			loc := resp.Header.Get("Location")
			drainClose(resp.Body)
			if hop >= maxRedirects {
				return nil, ErrTooManyRedirects
			}
			next, err := c.redirectTarget(cur, loc)
			if err != nil {
				return nil, err
			}
			cur = next
		default:
			b, _ := io.ReadAll(io.LimitReader(resp.Body, 4*maxSnippet))
			drainClose(resp.Body)
			return nil, &HTTPStatusError{Op: "fetching plan", Host: cur.Host, Status: resp.StatusCode, Body: snippet(b, token)}
		}
	}
}

// redirectTarget checks a Location: http(s) only (http only when allowed),
// no user information, and no internal IP literal unless allowed.
func (c *PlanClient) redirectTarget(cur *url.URL, loc string) (*url.URL, error) {
	if loc == "" {
		return nil, fmt.Errorf("%w: redirect without Location", ErrRedirectRefused)
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("%w: Location does not parse", ErrRedirectRefused)
	}
	next := cur.ResolveReference(ref)
	next.Fragment, next.RawFragment = "", ""
	switch {
	case next.Scheme == "https":
	case next.Scheme == "http" && c.Hosts.AllowHTTP:
	case next.Scheme == "http":
		return nil, fmt.Errorf("%w: to plain http host %q", ErrRedirectRefused, next.Host)
	default:
		return nil, fmt.Errorf("%w: scheme %q", ErrRedirectRefused, next.Scheme)
	}
	host := next.Hostname()
	switch {
	case next.User != nil:
		return nil, fmt.Errorf("%w: Location has user information", ErrRedirectRefused)
	case host == "":
		return nil, fmt.Errorf("%w: Location has no host", ErrRedirectRefused)
	case isIPLiteral(host) && !c.Hosts.allows(next.Scheme, host, next.Port()):
		if addr := mustAddr(host); internalAddr(addr) {
			return nil, fmt.Errorf("%w: to internal address %q", ErrRedirectRefused, next.Host)
		}
	}
	return next, nil
}

// sameOrigin compares scheme, host and effective port.
func sameOrigin(a, b *url.URL) bool {
	pa, pb := a.Port(), b.Port()
	if pa == "" {
		pa = defaultPort(a.Scheme)
	}
	if pb == "" {
		pb = defaultPort(b.Scheme)
	}
	return strings.EqualFold(a.Scheme, b.Scheme) && canonicalHost(a.Hostname()) == canonicalHost(b.Hostname()) && pa == pb
}

// stripURL drops the URL from a *url.Error: a signed redirect URL is a secret.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func drainClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	body.Close()
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// cappedBody returns ErrPlanTooLarge once more than remaining bytes come,
// and ends the fetch's deadline when closed.
type cappedBody struct {
	ctx       context.Context
	rc        io.ReadCloser
	remaining int64
	cancel    context.CancelFunc
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.remaining <= 0 {
		var probe [1]byte
		n, err := b.rc.Read(probe[:])
		if n > 0 {
			return 0, ErrPlanTooLarge
		}
		return 0, b.checkEOF(err)
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.rc.Read(p)
	b.remaining -= int64(n)
	return n, b.checkEOF(err)
}

// checkEOF turns an EOF seen after the deadline into the deadline's error:
// a server that ends the body when we hang up must not pass for a whole plan.
func (b *cappedBody) checkEOF(err error) error {
	if err == io.EOF && b.ctx.Err() != nil {
		return fmt.Errorf("fetching plan: body cut short: %w", b.ctx.Err())
	}
	return err
}

func (b *cappedBody) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}
