-- History API and dashboard (docs/api.md). Indexes chosen with EXPLAIN on
-- 300,000 runs in 2,000 workspaces (figures in docs/api.md); the list and
-- history queries also use runs_received_idx, runs_organization_received_idx
-- and runs_workspace_received_idx from 0001.

-- Runs not decided yet (status=pending): rare, so a full ordered scan
-- filtering on status would read the whole table to fill one page.
CREATE INDEX runs_pending_received_idx ON runs (received_at DESC, id DESC) WHERE status IS NULL;

-- Distinct workspaces of an organization by a loose index scan (one probe
-- per workspace; without it the workspace list reads every run of the
-- organization: 1 ms instead of 300 ms for 100 workspaces, 15,000 runs).
CREATE INDEX runs_organization_workspace_idx ON runs (organization, workspace_id);

-- The workspace filter matches the name as well as the id.
CREATE INDEX runs_workspace_name_received_idx ON runs (workspace_name, received_at DESC, id DESC);

-- Dashboard logins: the browser's cookie holds a random session id; only
-- its SHA-256 is stored, with the API token's fingerprint (never the token).
CREATE TABLE dashboard_sessions (
    id_hash             bytea PRIMARY KEY,
    token_fingerprint   text NOT NULL,
    scope               text NOT NULL CHECK (scope IN ('read', 'admin')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL
);

CREATE INDEX dashboard_sessions_expires_idx ON dashboard_sessions (expires_at);
