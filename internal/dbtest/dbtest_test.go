package dbtest_test

import (
	"context"
	"testing"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/migrations"
)

func TestNewPoolIsMigrated(t *testing.T) {
	pool := dbtest.NewPool(t)
	if err := migrations.Check(context.Background(), pool); err != nil {
		t.Fatalf("fresh test database is not current: %v", err)
	}
}

func TestTxRollsBack(t *testing.T) {
	ctx := context.Background()
	t.Run("write", func(t *testing.T) {
		tx := dbtest.Tx(t)
		if _, err := tx.Exec(ctx, `INSERT INTO runs (task_result_id, run_id, stage, organization, workspace_id, workspace_name, callback_url)
			VALUES ('taskrs-dbtest', 'run-1', 'post_plan', 'o', 'ws-1', 'w', 'https://x')`); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("read", func(t *testing.T) {
		tx := dbtest.Tx(t)
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM runs WHERE task_result_id = 'taskrs-dbtest'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("row from an earlier test's transaction is visible: %d", n)
		}
	})
}
