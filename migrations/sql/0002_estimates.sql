-- One priced estimate per run: the estimator's JSON (DESIGN.md "Estimate
-- JSON", which holds addresses, types and prices but no attribute values)
-- plus the totals and the decision as columns for listing and charts.
CREATE TABLE estimates (
    run_pk                  bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    currency                text NOT NULL DEFAULT 'USD',
    prior_monthly_cost      numeric NOT NULL,
    proposed_monthly_cost   numeric NOT NULL,
    delta_monthly_cost      numeric NOT NULL,
    resources               integer NOT NULL DEFAULT 0,
    estimated               integer NOT NULL DEFAULT 0,
    free                    integer NOT NULL DEFAULT 0,
    unsupported             integer NOT NULL DEFAULT 0,
    unpriced_components     integer NOT NULL DEFAULT 0,
    estimate                jsonb NOT NULL,
    -- The budget decision: passed | failed, its message and its reasons.
    decision                text NOT NULL CHECK (decision IN ('passed', 'failed')),
    message                 text NOT NULL DEFAULT '',
    reasons                 jsonb NOT NULL DEFAULT '[]',
    duration_ms             integer NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX estimates_created_idx ON estimates (created_at DESC);
