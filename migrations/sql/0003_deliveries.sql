-- The final callback owed to TFC for a run, and how its delivery went.
CREATE TABLE deliveries (
    run_pk                  bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    -- The result to send (runtask.Result as JSON: status, message, url, outcomes).
    result                  jsonb NOT NULL,
    status                  text NOT NULL CHECK (status IN ('passed', 'failed')),
    attempts                integer NOT NULL DEFAULT 0,
    -- accepted | already_final | retryable | permanent | gave_up
    last_outcome            text,
    last_http_status        integer,
    last_error              text,
    delivered_at            timestamptz,
    given_up_at             timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
