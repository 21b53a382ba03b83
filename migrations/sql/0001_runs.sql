-- Runs received from TFC: one row per task result (TFC retries deliver the
-- same task_result_id again; the unique key makes intake idempotent).
CREATE TABLE runs (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_result_id          text NOT NULL UNIQUE,
    run_id                  text NOT NULL,
    stage                   text NOT NULL,
    organization            text NOT NULL,
    workspace_id            text NOT NULL,
    workspace_name          text NOT NULL,
    is_speculative          boolean NOT NULL DEFAULT false,
    enforcement_level       text NOT NULL DEFAULT '',
    created_by              text NOT NULL DEFAULT '',
    run_message             text NOT NULL DEFAULT '',
    run_app_url             text NOT NULL DEFAULT '',
    workspace_app_url       text NOT NULL DEFAULT '',
    vcs_branch              text,
    vcs_commit_url          text,
    vcs_commit_hash         text,
    vcs_pull_request_url    text,
    vcs_repo_url            text,
    plan_json_api_url       text,
    callback_url            text NOT NULL,
    outcomes_capable        boolean NOT NULL DEFAULT false,
    -- AES-GCM sealed access token; NULL once the run is finished.
    access_token_sealed     bytea,
    run_created_at          timestamptz,
    received_at             timestamptz NOT NULL DEFAULT now(),
    -- received → estimating → estimated → delivered | undeliverable
    state                   text NOT NULL DEFAULT 'received',
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX runs_workspace_received_idx ON runs (workspace_id, received_at DESC);
CREATE INDEX runs_organization_received_idx ON runs (organization, received_at DESC);
