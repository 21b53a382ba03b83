package api

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

// rateLimit bounds the requests of each client to the JSON API and the
// dashboard login (COSTGATE_API_RATE_LIMIT per second, bursts of twice
// that): a known API token is one client; anyone else is counted by
// address, so guessing tokens does not buy fresh allowances. Over the
// limit: 429 with Retry-After. /runtask is not limited: TFC is
// authenticated by HMAC and a refused run would be lost.
func (s *Server) rateLimit() echo.MiddlewareFunc {
	perSecond := s.deps.APIRateLimit
	if perSecond <= 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(perSecond), Burst: 2 * perSecond, ExpiresIn: 3 * time.Minute,
	})
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return !strings.HasPrefix(p, "/api/") && !(p == "/login" && c.Request().Method == http.MethodPost)
		},
		Store:               store,
		IdentifierExtractor: func(c echo.Context) (string, error) { return s.rateClient(c.Request()), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", "1")
			return NewError(http.StatusTooManyRequests, "rate_limited", "too many requests; retry in a second")
		},
	})
}

// rateClient names the client a request counts against: its API token's
// fingerprint when the token is known, else its remote address (never a
// forwarded-for header, which the client chooses).
func (s *Server) rateClient(r *http.Request) string {
	if token, ok := strings.CutPrefix(r.Header.Get(echo.HeaderAuthorization), "Bearer "); ok && token != "" {
		known := 0
		for _, t := range s.deps.APITokens {
			known |= subtle.ConstantTimeCompare([]byte(t.Token), []byte(token))
		}
		if known == 1 {
			return TokenFingerprint(token)
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "addr:" + host
}
