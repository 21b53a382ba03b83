package main

// intakeConns is the part of the service's pool kept for POST /runtask and
// the API beyond one connection per worker: with pgx's default pool,
// max(4, cores), run task requests queued behind estimate and callback jobs
// (p50 ack 0.5–2 s under 200 concurrent clients, docs/performance.md).
const intakeConns = 16

// servicePoolSize is the service's pool size when DATABASE_URL does not set
// pool_max_conns: a connection for every worker, river's own (producer,
// leader, notifier) and intake.
func servicePoolSize(estimateWorkers, callbackWorkers int) int32 {
	return int32(estimateWorkers + callbackWorkers + 3 + intakeConns)
}
