// Package store is costgate's persistence: plain SQL over pgx for runs,
// estimates, deliveries and budgets. Like river's sqlc-generated code, every
// function takes the executor (pool, connection or transaction) as its first
// argument after the context, so callers decide the transaction boundaries.
package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DBTX is what store functions need: satisfied by *pgxpool.Pool, *pgx.Conn and pgx.Tx.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
