package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
)

// Dashboard login: a form takes an API token; costgate answers with a
// cookie holding a random session id. The database keeps only the id's
// SHA-256 and the token's fingerprint, so neither the cookie nor the
// database holds the token. A session ends at logout, after sessionTTL, or
// when its token leaves COSTGATE_API_TOKENS.
const (
	sessionCookie = "costgate_session"
	sessionTTL    = 12 * time.Hour
	sessionIDLen  = 32
)

// tokenScope returns the scope of a configured API token, "" for none.
// Every token is compared, in constant time, so timing tells nothing.
func (s *Server) tokenScope(token string) string {
	scope := ""
	for _, t := range s.deps.APITokens {
		if subtle.ConstantTimeCompare([]byte(t.Token), []byte(token)) == 1 {
			scope = t.Scope
		}
	}
	return scope
}

// fingerprintScope returns the scope of the configured token with this
// fingerprint, "" when no configured token has it (any more).
func (s *Server) fingerprintScope(fingerprint string) string {
	scope := ""
	for _, t := range s.deps.APITokens {
		if subtle.ConstantTimeCompare([]byte(TokenFingerprint(t.Token)), []byte(fingerprint)) == 1 {
			scope = t.Scope
		}
	}
	return scope
}

// requireLogin admits a request with a live session (or any request when
// the dashboard is public) and sends others to the login form.
func (d *dashboard) requireLogin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if d.s.deps.DashboardPublic {
			return next(c)
		}
		fingerprint, err := d.session(c)
		if err != nil {
			return err
		}
		if fingerprint != "" {
			c.Set(ctxActor, fingerprint)
			return next(c)
		}
		target := c.Request().URL.RequestURI()
		// A SameSite=Strict cookie is not sent on a navigation from another
		// site (the link in TFC's run page): one same-site hop brings it along.
		if c.Request().Header.Get("Sec-Fetch-Site") == "cross-site" && c.Request().Method == http.MethodGet {
			return d.render(c, http.StatusOK, "bounce", "costgate", target)
		}
		return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(target))
	}
}

// session returns the fingerprint of the token behind the request's
// session cookie, "" when there is no live session.
func (d *dashboard) session(c echo.Context) (string, error) {
	hash, ok := sessionHash(c)
	if !ok {
		return "", nil
	}
	ctx := c.Request().Context()
	var sess store.DashboardSession
	err := pgx.BeginFunc(ctx, d.s.deps.DB, func(tx pgx.Tx) (err error) {
		sess, err = store.GetDashboardSession(ctx, tx, hash, time.Now())
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if d.s.fingerprintScope(sess.TokenFingerprint) == "" {
		return "", nil
	}
	return sess.TokenFingerprint, nil
}

// sessionHash is the SHA-256 of the cookie's session id.
func sessionHash(c echo.Context) ([]byte, bool) {
	cookie, err := c.Cookie(sessionCookie)
	if err != nil {
		return nil, false
	}
	id, err := base64.RawURLEncoding.DecodeString(cookie.Value)
	if err != nil || len(id) != sessionIDLen {
		return nil, false
	}
	sum := sha256.Sum256(id)
	return sum[:], true
}

// loginPage is the data of the login form.
type loginPage struct {
	Next  string
	Error string
}

// loginForm is GET /login.
func (d *dashboard) loginForm(c echo.Context) error {
	if d.s.deps.DashboardPublic {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	return d.render(c, http.StatusOK, "login", "Log in", loginPage{Next: safeNext(c.QueryParam("next"))})
}

// login is POST /login: a known API token opens a session.
func (d *dashboard) login(c echo.Context) error {
	if d.s.deps.DashboardPublic {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	if !sameOrigin(c) {
		return NewError(http.StatusForbidden, "forbidden", "The login form must be posted from costgate's own page.")
	}
	next := safeNext(c.FormValue("next"))
	token := strings.TrimSpace(c.FormValue("token"))
	scope := ""
	if token != "" {
		scope = d.s.tokenScope(token)
	}
	if scope == "" {
		return d.render(c, http.StatusUnauthorized, "login", "Log in", loginPage{Next: next, Error: "That is not a known API token (COSTGATE_API_TOKENS)."})
	}
	id := make([]byte, sessionIDLen)
	if _, err := rand.Read(id); err != nil {
		return err
	}
	sum := sha256.Sum256(id)
	ctx := c.Request().Context()
	fingerprint := TokenFingerprint(token)
	now := time.Now()
	if err := pgx.BeginFunc(ctx, d.s.deps.DB, func(tx pgx.Tx) error {
		return store.CreateDashboardSession(ctx, tx, sum[:], store.DashboardSession{TokenFingerprint: fingerprint, Scope: scope, ExpiresAt: now.Add(sessionTTL)})
	}); err != nil {
		return err
	}
	d.s.deps.Logger.InfoContext(ctx, "dashboard login", "actor", fingerprint)
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: base64.RawURLEncoding.EncodeToString(id), Path: "/",
		MaxAge: int(sessionTTL.Seconds()), HttpOnly: true, Secure: c.Scheme() == "https", SameSite: http.SameSiteStrictMode})
	return c.Redirect(http.StatusSeeOther, next)
}

// logout is POST /logout: the session ends on the server too.
func (d *dashboard) logout(c echo.Context) error {
	if !sameOrigin(c) {
		return NewError(http.StatusForbidden, "forbidden", "Log out from costgate's own page.")
	}
	if hash, ok := sessionHash(c); ok {
		ctx := c.Request().Context()
		if err := pgx.BeginFunc(ctx, d.s.deps.DB, func(tx pgx.Tx) error {
			return store.DeleteDashboardSession(ctx, tx, hash)
		}); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: c.Scheme() == "https", SameSite: http.SameSiteStrictMode})
	return c.Redirect(http.StatusSeeOther, "/login")
}

// sameOrigin refuses form posts from other sites (login CSRF): browsers
// send Origin on POST; a request without one (curl) is let through.
func sameOrigin(c echo.Context) bool {
	origin := c.Request().Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == c.Request().Host
}

// safeNext keeps a post-login target on this site: a path, not a URL.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return u.RequestURI()
}
