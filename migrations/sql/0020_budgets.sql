-- Budget policies set through the API (the budgets file's policies live in
-- the file, not here). Amounts are USD per month, percentages percent of
-- the prior monthly cost; NULL means no limit. Rules: docs/budgets.md.
CREATE TABLE budget_policies (
    id                          text PRIMARY KEY,
    organization                text NOT NULL CHECK (organization <> ''),
    workspace_id                text CHECK (workspace_id <> ''),
    workspace_name              text CHECK (workspace_name <> ''),
    workspace_pattern           text CHECK (workspace_pattern <> ''),
    max_monthly_cost            numeric CHECK (max_monthly_cost >= 0),
    max_monthly_increase        numeric CHECK (max_monthly_increase >= 0),
    max_increase_percent        numeric CHECK (max_increase_percent >= 0),
    warn_monthly_cost           numeric CHECK (warn_monthly_cost >= 0),
    warn_monthly_increase       numeric CHECK (warn_monthly_increase >= 0),
    warn_increase_percent       numeric CHECK (warn_increase_percent >= 0),
    organization_monthly_budget numeric CHECK (organization_monthly_budget >= 0),
    fail_on_unpriced            boolean NOT NULL DEFAULT false,
    on_error                    text NOT NULL DEFAULT 'fail' CHECK (on_error IN ('fail', 'pass')),
    -- Who (an API token's fingerprint, never the token) and when.
    created_by                  text NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_by                  text NOT NULL,
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    -- One policy per scope: budget.Policy.ScopeKey, e.g. "acme:name:web-prod".
    scope_key                   text NOT NULL UNIQUE GENERATED ALWAYS AS (
        organization || CASE
            WHEN workspace_id IS NOT NULL THEN ':id:' || workspace_id
            WHEN workspace_name IS NOT NULL THEN ':name:' || workspace_name
            WHEN workspace_pattern IS NOT NULL THEN ':pattern:' || workspace_pattern
            ELSE '' END) STORED,
    CHECK (num_nonnulls(workspace_id, workspace_name, workspace_pattern) <= 1),
    CHECK (organization_monthly_budget IS NULL OR num_nonnulls(workspace_id, workspace_name, workspace_pattern) = 0)
);

CREATE INDEX budget_policies_organization_idx ON budget_policies (organization);

-- Every change to a policy: who, when, what it was and what it became (the
-- policy's JSON form). No foreign key: a deleted policy keeps its history.
CREATE TABLE budget_policy_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id   text NOT NULL,
    action      text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    actor       text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb
);

CREATE INDEX budget_policy_changes_policy_idx ON budget_policy_changes (policy_id, id DESC);
