package api

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/costgate/costgate/store"
	"github.com/costgate/costgate/worker"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/riverqueue/river"
)

const (
	// intakeTimeout bounds one intake transaction (and a request's wait for it).
	intakeTimeout = 10 * time.Second
	// intakeMaxBatch bounds the runs one intake transaction stores.
	intakeMaxBatch = 64
	// intakeTransactions is how many intake transactions may run at once:
	// enough to overlap one's round trips with another's commit, few enough
	// that requests arriving under load gather into batches.
	intakeTransactions = 2
)

// intakeBatcher stores accepted runs with their estimate jobs. A request
// that finds a transaction slot free is stored at once, alone; requests
// arriving while the slots are busy wait and are stored together by the
// next transaction, so under load one commit (four round trips, one WAL
// flush) acknowledges many runs. Every request is still answered only after
// the transaction holding its run and its job has committed.
type intakeBatcher struct {
	db       TxBeginner
	jobs     JobInserter
	maxBatch int
	maxTx    int

	mu      sync.Mutex
	pending []*intakeItem
	running int // transactions in progress or about to start
}

// intakeItem is one request's run waiting for its transaction.
type intakeItem struct {
	run  store.NewRun
	done chan intakeResult // buffered: the transaction never waits for the request
}

type intakeResult struct {
	inserted bool
	err      error
}

func newIntakeBatcher(db TxBeginner, jobs JobInserter) *intakeBatcher {
	return &intakeBatcher{db: db, jobs: jobs, maxBatch: intakeMaxBatch, maxTx: intakeTransactions}
}

// store returns once run and its estimate job are committed (inserted) or
// the run was already stored (not inserted), or with the error that
// prevented it.
func (b *intakeBatcher) store(ctx context.Context, run store.NewRun) (inserted bool, err error) {
	item := &intakeItem{run: run, done: make(chan intakeResult, 1)}
	b.mu.Lock()
	b.pending = append(b.pending, item)
	start := b.running < b.maxTx
	if start {
		b.running++
	}
	b.mu.Unlock()
	if start {
		go b.drain()
	}
	select {
	case r := <-item.done:
		return r.inserted, r.err
	case <-ctx.Done():
		return false, fmt.Errorf("waiting for the intake transaction: %w", ctx.Err())
	}
}

// drain stores the waiting runs, a batch per transaction, until none is left.
func (b *intakeBatcher) drain() {
	for {
		b.mu.Lock()
		n := min(len(b.pending), b.maxBatch)
		if n == 0 {
			b.running--
			b.mu.Unlock()
			return
		}
		batch := slices.Clone(b.pending[:n])
		b.pending = slices.Delete(b.pending, 0, n)
		b.mu.Unlock()
		b.commit(batch)
	}
}

// commit stores a batch and answers each of its requests.
func (b *intakeBatcher) commit(batch []*intakeItem) {
	// Not a request's context: one client going away must not fail the others.
	ctx, cancel := context.WithTimeout(context.Background(), intakeTimeout)
	defer cancel()
	runs := make([]store.NewRun, len(batch))
	for i, it := range batch {
		runs[i] = it.run
	}
	ids, err := b.insert(ctx, runs)
	var pgErr *pgconn.PgError
	if err != nil && len(batch) > 1 && errors.As(err, &pgErr) {
		// Postgres refused the batch (a row it cannot store, a deadlock):
		// store each run alone so that one cannot fail the others.
		for _, it := range batch {
			ids, err := b.insert(ctx, []store.NewRun{it.run})
			it.done <- intakeResult{inserted: err == nil && ids[0] != 0, err: err}
		}
		return
	}
	for i, it := range batch {
		it.done <- intakeResult{inserted: err == nil && ids[i] != 0, err: err}
	}
}

// insert stores runs and the estimate jobs of those not stored before, in
// one transaction; ids[i] is 0 for a run already stored.
func (b *intakeBatcher) insert(ctx context.Context, runs []store.NewRun) (ids []int64, err error) {
	tx, err := b.db.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("beginning intake: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	ids, err = store.InsertRuns(ctx, tx, runs)
	if err != nil {
		return nil, err
	}
	jobs := make([]river.InsertManyParams, 0, len(ids))
	for _, id := range ids {
		if id != 0 {
			jobs = append(jobs, river.InsertManyParams{Args: worker.EstimateArgs{RunPK: id}})
		}
	}
	if len(jobs) > 0 {
		if _, err := b.jobs.InsertManyTx(ctx, tx, jobs); err != nil {
			return nil, fmt.Errorf("queueing the estimates of %d runs: %w", len(jobs), err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("committing intake: %w", err)
	}
	return ids, nil
}
