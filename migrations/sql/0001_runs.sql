-- Runs received from TFC: one row per task result (TFC retries deliver the
-- same task_result_id again; the unique key makes intake idempotent).
-- Holds what the history needs (organization, workspace, run, stage, VCS
-- links, who and when) and never plan content or attribute values.
CREATE TABLE runs (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_result_id          text NOT NULL UNIQUE,
    run_id                  text NOT NULL,
    stage                   text NOT NULL,
    organization            text NOT NULL,
    workspace_id            text NOT NULL,
    workspace_name          text NOT NULL DEFAULT '',
    project_id              text,
    project_name            text,
    is_speculative          boolean NOT NULL DEFAULT false,
    enforcement_level       text NOT NULL DEFAULT '',
    created_by              text NOT NULL DEFAULT '',
    run_message             text NOT NULL DEFAULT '',
    run_app_url             text NOT NULL DEFAULT '',
    workspace_app_url       text NOT NULL DEFAULT '',
    vcs_repo_url            text,
    vcs_branch              text,
    vcs_commit_url          text,
    vcs_commit_hash         text,
    vcs_pull_request_url    text,
    plan_json_api_url       text,
    callback_url            text NOT NULL,
    outcomes_capable        boolean NOT NULL DEFAULT false,
    -- AES-256-GCM sealed access token (package secretbox); NULL once final.
    access_token_sealed     bytea,
    run_created_at          timestamptz,
    received_at             timestamptz NOT NULL DEFAULT now(),
    -- received → estimating → reporting → delivered | undeliverable
    state                   text NOT NULL DEFAULT 'received'
        CHECK (state IN ('received', 'estimating', 'reporting', 'delivered', 'undeliverable')),
    -- The decided result: passed | failed, NULL until decided.
    status                  text CHECK (status IN ('passed', 'failed')),
    -- What went wrong when costgate could not price the run (plan_not_found,
    -- plan_too_large, invalid_plan, estimator, internal, timeout, ...).
    error_kind              text,
    -- Last `running` update sent to TFC (heartbeats keep its 10-minute timer).
    last_progress_at        timestamptz,
    finished_at             timestamptz,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX runs_received_idx ON runs (received_at DESC, id DESC);
CREATE INDEX runs_organization_received_idx ON runs (organization, received_at DESC, id DESC);
CREATE INDEX runs_workspace_received_idx ON runs (workspace_id, received_at DESC, id DESC);
CREATE INDEX runs_run_id_idx ON runs (run_id);
-- Runs still owed a final callback, scanned by the heartbeat job.
CREATE INDEX runs_open_idx ON runs (last_progress_at) WHERE state IN ('received', 'estimating', 'reporting');
