package pricing

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	pricingdata "github.com/costgate/costgate/pricing-data"
	"github.com/jackc/pgx/v5"
)

// SourceStatus is one loaded source as `costgate pricing status` shows it.
type SourceStatus struct {
	Source   Source // Rows is the number of price rows loaded
	LoadedAt time.Time
	Products int
	// Stale is true when the price date is older than the maximum age.
	Stale bool
}

// Status lists the loaded sources by name; a source whose price date is more
// than maxAge before now is Stale (maxAge 0: never).
func Status(ctx context.Context, db Querier, maxAge time.Duration, now time.Time) ([]SourceStatus, error) {
	rows, err := db.Query(ctx, `
		SELECT s.name, s.origin, s.licence, s.price_date, s.row_count, s.notes, s.built_with, s.loaded_at,
		       (SELECT count(*) FROM price_products p WHERE p.source_id = s.id)
		FROM price_sources s ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("reading price sources: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SourceStatus, error) {
		var (
			st       SourceStatus
			products int64
		)
		err := r.Scan(&st.Source.Name, &st.Source.Origin, &st.Source.Licence, &st.Source.PriceDate, &st.Source.Rows,
			&st.Source.Notes, &st.Source.BuiltWith, &st.LoadedAt, &products)
		st.Products = int(products)
		st.Stale = maxAge > 0 && now.Sub(st.Source.PriceDate) > maxAge
		return st, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading price sources: %w", err)
	}
	return out, nil
}

// LoadEmbeddedIfEmpty loads the price data embedded in the binary when the
// catalog has no source at all (a new installation), and does nothing
// otherwise, so prices loaded by an operator are never replaced. Safe to
// call from several replicas at once: loads are serialised and idempotent.
func LoadEmbeddedIfEmpty(ctx context.Context, db TxQuerier) ([]LoadResult, error) {
	return loadIfEmpty(ctx, db, pricingdata.FS())
}

// TxQuerier is what LoadEmbeddedIfEmpty needs: *pgxpool.Pool satisfies it.
type TxQuerier interface {
	TxBeginner
	Querier
}

func loadIfEmpty(ctx context.Context, db TxQuerier, fsys fs.FS) ([]LoadResult, error) {
	rows, err := db.Query(ctx, "SELECT EXISTS (SELECT 1 FROM price_sources)")
	if err != nil {
		return nil, fmt.Errorf("checking the price catalog: %w", err)
	}
	loaded, err := pgx.CollectExactlyOneRow(rows, pgx.RowTo[bool])
	if err != nil {
		return nil, fmt.Errorf("checking the price catalog: %w", err)
	}
	if loaded {
		return nil, nil
	}
	res, err := Load(ctx, db, fsys)
	if err != nil {
		return res, fmt.Errorf("loading the embedded price data: %w", err)
	}
	return res, nil
}
