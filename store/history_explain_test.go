package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/costgate/costgate/internal/dbtest"
	"github.com/costgate/costgate/store"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// recordingDB passes statements through and keeps them, to EXPLAIN them.
type recordingDB struct {
	db    store.DBTX
	calls []recordedCall
}

type recordedCall struct {
	sql  string
	args []any
}

func (r *recordingDB) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return r.db.Exec(ctx, sql, args...)
}

func (r *recordingDB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	r.calls = append(r.calls, recordedCall{sql, args})
	return r.db.Query(ctx, sql, args...)
}

func (r *recordingDB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	r.calls = append(r.calls, recordedCall{sql, args})
	return r.db.QueryRow(ctx, sql, args...)
}

// The history's queries must have an index to use: with sequential scans
// priced out, a plan that still reads runs sequentially has none
// (migrations 0001 and 0030; EXPLAIN figures at scale in docs/api.md).
func TestHistoryQueriesUseIndexes(t *testing.T) {
	ctx := context.Background()
	tx := dbtest.Tx(t)
	var runs []histRun
	for i := range 200 {
		status := "passed"
		if i%10 == 0 {
			status = ""
		}
		runs = append(runs, histRun{id: fmt.Sprintf("tr-%d", i), run: fmt.Sprintf("run-%d", i), org: fmt.Sprintf("org-%d", i%4),
			ws: fmt.Sprintf("ws-%d", i%20), wsName: fmt.Sprintf("name-%d", i%20), at: t0.Add(time.Duration(i) * time.Hour),
			status: status, prior: usd(costEKS), proposed: usd(costASG)})
	}
	seedHistory(t, tx, runs)
	if _, err := tx.Exec(ctx, `ANALYZE runs; ANALYZE estimates`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	since := t0.Add(50 * time.Hour)
	// Each query and the index EXPLAIN showed it needs at scale.
	cases := []struct {
		name  string
		index string
		run   func(db store.DBTX) error
	}{
		{"runs, newest first", "runs_received_idx", func(db store.DBTX) error {
			_, _, err := store.ListRuns(ctx, db, store.RunFilter{Limit: 50})
			return err
		}},
		// On this small table the planner may prefer the smaller organization index.
		{"runs of an organization, next page", "runs_organization_received_idx|runs_organization_workspace_idx", func(db store.DBTX) error {
			_, _, err := store.ListRuns(ctx, db, store.RunFilter{Organization: "org-1", Limit: 50, After: &store.RunCursor{ReceivedAt: t0.Add(100 * time.Hour), PK: 1 << 40}})
			return err
		}},
		{"runs of a workspace by id or name", "runs_workspace_name_received_idx", func(db store.DBTX) error {
			_, _, err := store.ListRuns(ctx, db, store.RunFilter{Workspace: "name-3", Limit: 50})
			return err
		}},
		{"pending runs", "runs_pending_received_idx", func(db store.DBTX) error {
			_, _, err := store.ListRuns(ctx, db, store.RunFilter{Statuses: []string{"pending"}, Limit: 50})
			return err
		}},
		{"workspaces of an organization", "runs_organization_workspace_idx", func(db store.DBTX) error {
			_, err := store.ListWorkspaces(ctx, db, "org-2", since)
			return err
		}},
		{"all workspaces", "runs_workspace_received_idx", func(db store.DBTX) error {
			_, err := store.ListWorkspaces(ctx, db, "", since)
			return err
		}},
		{"history per run", "runs_workspace_received_idx", func(db store.DBTX) error {
			_, _, err := store.WorkspaceRunHistory(ctx, db, "ws-3", store.HistoryFilter{Limit: 100, Since: &since})
			return err
		}},
		{"history per day", "runs_workspace_received_idx", func(db store.DBTX) error {
			_, _, err := store.WorkspaceDailyHistory(ctx, db, "ws-3", store.HistoryFilter{Limit: 100})
			return err
		}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordingDB{db: tx}
			if err := tt.run(rec); err != nil {
				t.Fatal(err)
			}
			if problem := planProblem(explain(t, tx, rec.calls[0]), tt.index); problem != "" {
				t.Errorf("%s:\n%s\n%s", problem, rec.calls[0].sql, explain(t, tx, rec.calls[0]))
			}
		})
	}

	// The check can fail: without its index, the pending listing has none to use.
	if _, err := tx.Exec(ctx, `DROP INDEX runs_pending_received_idx`); err != nil {
		t.Fatal(err)
	}
	rec := &recordingDB{db: tx}
	if _, _, err := store.ListRuns(ctx, rec, store.RunFilter{Statuses: []string{"pending"}, Limit: 50}); err != nil {
		t.Fatal(err)
	}
	if planProblem(explain(t, tx, rec.calls[0]), "runs_pending_received_idx") == "" {
		t.Error("the check passes a plan without runs_pending_received_idx")
	}
}

// planProblem says what is wrong with a plan: a sequential scan of runs or
// estimates, or none of the expected indexes (a|b) used; "" when nothing is.
func planProblem(plan, indexes string) string {
	if strings.Contains(plan, "Seq Scan on runs") || strings.Contains(plan, "Seq Scan on estimates") {
		return "a sequential scan"
	}
	for _, index := range strings.Split(indexes, "|") {
		if strings.Contains(plan, " "+index+" ") {
			return ""
		}
	}
	return indexes + " unused"
}

func explain(t *testing.T, db store.DBTX, c recordedCall) string {
	t.Helper()
	rows, err := db.Query(context.Background(), "EXPLAIN "+c.sql, c.args...)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
