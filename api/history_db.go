package api

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// readTx runs fn in a read-only transaction with one snapshot, so the
// several queries of a page agree with each other.
func (s *Server) readTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.deps.DB, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`); err != nil {
			return fmt.Errorf("starting a read-only snapshot: %w", err)
		}
		return fn(tx)
	})
}
