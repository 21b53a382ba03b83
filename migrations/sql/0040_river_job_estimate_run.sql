-- The orphan sweep looks up each undecided run's estimate job by the run's
-- id in the job's arguments; without this index every sweep read the whole
-- river_job table once per undecided run (12 s per sweep with a backlog of
-- a few thousand runs under load).
CREATE INDEX IF NOT EXISTS river_job_estimate_run_pk
    ON river_job (((args->>'run_pk')::bigint))
    WHERE kind = 'estimate';
