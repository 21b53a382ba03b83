// Package worker runs costgate's durable jobs on river: "estimate" (fetch
// the plan, price it, decide, queue the final callback), "callback" (PATCH
// the final result to TFC, retried until accepted or the deadline) and
// "heartbeat" (periodic `running` updates for runs not yet final).
//
// river runs a job at least once, so every step is idempotent: the run's
// state moves forward only by conditional updates, and an estimate's
// results, the callback job and the job's completion commit in one
// transaction.
package worker
