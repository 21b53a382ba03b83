package store

import (
	"context"
	"fmt"
	"time"
)

// DashboardSession is a dashboard login. The browser holds a random
// session id; the database holds only its SHA-256, and names the API token
// by its fingerprint, never the token.
type DashboardSession struct {
	TokenFingerprint string
	Scope            string
	CreatedAt        time.Time
	ExpiresAt        time.Time
}

// CreateDashboardSession stores a session under the hash of its id.
func CreateDashboardSession(ctx context.Context, db DBTX, idHash []byte, s DashboardSession) error {
	if _, err := db.Exec(ctx, `INSERT INTO dashboard_sessions (id_hash, token_fingerprint, scope, expires_at)
VALUES ($1, $2, $3, $4)`, idHash, s.TokenFingerprint, s.Scope, s.ExpiresAt); err != nil {
		return fmt.Errorf("creating dashboard session: %w", err)
	}
	return nil
}

// GetDashboardSession loads a session that has not expired at now;
// ErrNotFound otherwise.
func GetDashboardSession(ctx context.Context, db DBTX, idHash []byte, now time.Time) (DashboardSession, error) {
	var s DashboardSession
	err := db.QueryRow(ctx, `SELECT token_fingerprint, scope, created_at, expires_at FROM dashboard_sessions
WHERE id_hash = $1 AND expires_at > $2`, idHash, now).Scan(&s.TokenFingerprint, &s.Scope, &s.CreatedAt, &s.ExpiresAt)
	if err != nil {
		return DashboardSession{}, notFound(err, "dashboard session")
	}
	return s, nil
}

// DeleteDashboardSession ends a session (logout); a missing one is no error.
func DeleteDashboardSession(ctx context.Context, db DBTX, idHash []byte) error {
	if _, err := db.Exec(ctx, `DELETE FROM dashboard_sessions WHERE id_hash = $1`, idHash); err != nil {
		return fmt.Errorf("deleting dashboard session: %w", err)
	}
	return nil
}

// DeleteExpiredDashboardSessions removes sessions expired at now.
func DeleteExpiredDashboardSessions(ctx context.Context, db DBTX, now time.Time) (int64, error) {
	tag, err := db.Exec(ctx, `DELETE FROM dashboard_sessions WHERE expires_at <= $1`, now)
	if err != nil {
		return 0, fmt.Errorf("deleting expired dashboard sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
