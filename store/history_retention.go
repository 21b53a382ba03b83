package store

import (
	"context"
	"fmt"
	"time"
)

// DeleteRunsReceivedBefore deletes up to limit finished runs received
// before cutoff, with their estimates and deliveries (ON DELETE CASCADE),
// oldest first, and returns how many it deleted. Runs still owed a
// callback are kept, and so is each workspace's latest priced run: it is
// the workspace's current cost, which budgets and totals depend on.
func DeleteRunsReceivedBefore(ctx context.Context, db DBTX, cutoff time.Time, limit int) (int64, error) {
	tag, err := db.Exec(ctx, `
WITH doomed AS (
    SELECT r.id FROM runs r
    WHERE r.received_at < $1 AND r.state IN ('delivered', 'undeliverable')
      AND r.id IS DISTINCT FROM (
          SELECT l.id FROM runs l JOIN estimates e ON e.run_pk = l.id
          WHERE l.workspace_id = r.workspace_id
          ORDER BY l.received_at DESC, l.id DESC LIMIT 1)
    ORDER BY r.received_at, r.id
    LIMIT $2
    FOR UPDATE OF r SKIP LOCKED
)
DELETE FROM runs WHERE id IN (SELECT id FROM doomed)`, cutoff, limit)
	if err != nil {
		return 0, fmt.Errorf("deleting runs received before %s: %w", cutoff.Format(time.RFC3339), err)
	}
	return tag.RowsAffected(), nil
}
