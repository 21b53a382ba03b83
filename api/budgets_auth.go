package api

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// API token scopes (COSTGATE_API_TOKENS): admin may also read.
const (
	ScopeRead  = "read"
	ScopeAdmin = "admin"
)

// APIToken is one configured API token and its scope.
type APIToken struct {
	Token string
	Scope string
}

// ctxActor holds who is calling: the token's fingerprint, never the token.
const ctxActor = "api_actor"

// requireScope admits requests bearing an API token with the scope (admin
// satisfies read): 401 without a known token, 403 with a read token on a
// write.
func (s *Server) requireScope(scope string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			token, ok := strings.CutPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
			if !ok || token == "" {
				return NewError(http.StatusUnauthorized, "unauthorized", "this endpoint needs an API token: Authorization: Bearer <token>")
			}
			granted := s.tokenScope(token)
			switch {
			case granted == "":
				return NewError(http.StatusUnauthorized, "unauthorized", "unknown API token")
			case scope == ScopeAdmin && granted != ScopeAdmin:
				return NewError(http.StatusForbidden, "forbidden", "this change needs an admin API token")
			}
			c.Set(ctxActor, TokenFingerprint(token))
			return next(c)
		}
	}
}

// TokenFingerprint names a token in logs and history without revealing it:
// "token:" and the first 12 hex digits of its SHA-256.
func TokenFingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "token:" + hex.EncodeToString(sum[:6])
}

func actorOf(c echo.Context) string {
	if a, ok := c.Get(ctxActor).(string); ok {
		return a
	}
	return "unknown"
}
