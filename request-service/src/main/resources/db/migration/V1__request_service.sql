-- The request-service's own schema: partners and their API tokens, flux requests, runs, the outbox of
-- export commands and the audit of issued download URLs. Owned by migrations (Flyway at start).

CREATE TABLE partner (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    contact_name  text        NOT NULL,
    contact_email text        NOT NULL,
    contact_phone text,
    created_at    timestamptz NOT NULL
);

-- Tokens are stored as their SHA-256 only: the clear token is shown once, at creation.
CREATE TABLE api_token (
    id         uuid PRIMARY KEY,
    partner_id uuid        NOT NULL REFERENCES partner (id),
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_token_partner ON api_token (partner_id);

CREATE TABLE flux (
    id               uuid PRIMARY KEY,
    partner_id       uuid        NOT NULL REFERENCES partner (id),
    status           text        NOT NULL CHECK (status IN ('REQUESTED', 'ACTIVE', 'SUSPENDED', 'REJECTED', 'REVOKED')),
    -- the request as the partner (or an admin) gave it, normalised: the base of PATCH and of GET
    request          text        NOT NULL,
    -- the export specification derived from it (flux-model's FluxSpec, JSON): what commands carry
    spec             text        NOT NULL,
    periodicity      text        NOT NULL,
    estimated_count  bigint,
    status_reason    text,
    next_run_at      timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX flux_partner ON flux (partner_id, created_at);
CREATE INDEX flux_due ON flux (next_run_at) WHERE status = 'ACTIVE';

CREATE TABLE run (
    id               uuid PRIMARY KEY,
    flux_id          uuid        NOT NULL REFERENCES flux (id),
    origin           text        NOT NULL CHECK (origin IN ('SCHEDULED', 'MANUAL')),
    -- the period a scheduled run is for; null for manual runs
    scheduled_for    timestamptz,
    status           text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'FILE_ERASED')),
    attempt          integer     NOT NULL CHECK (attempt >= 1),
    spec             text        NOT NULL,
    rows_done        bigint,
    rows_total       bigint,
    counts           text,
    artifacts        text,
    error            text,
    worker_id        text,
    created_at       timestamptz NOT NULL,
    -- when the current attempt's command reached the broker (set by the outbox relay)
    dispatched_at    timestamptz,
    last_event_at    timestamptz,
    finished_at      timestamptz,
    erased_at        timestamptz,
    -- the second guard against double scheduling, after the row lock on the flux
    CONSTRAINT run_one_per_period UNIQUE (flux_id, scheduled_for)
);
CREATE INDEX run_flux ON run (flux_id, created_at DESC);
CREATE INDEX run_active ON run (status) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX run_retention ON run (finished_at) WHERE status = 'SUCCEEDED';

-- Written in the same transaction as the run it announces; a relay publishes and marks it sent.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     bytea       NOT NULL,
    run_id      uuid        REFERENCES run (id),
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz,
    failures    integer     NOT NULL DEFAULT 0,
    last_error  text
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_run ON outbox (run_id) WHERE sent_at IS NULL;

-- Every download URL issued: where sensitive-grade data went.
CREATE TABLE download_audit (
    id          bigserial PRIMARY KEY,
    run_id      uuid        NOT NULL REFERENCES run (id),
    flux_id     uuid        NOT NULL REFERENCES flux (id),
    format      text        NOT NULL,
    object_key  text        NOT NULL,
    -- ADMIN, or the partner and the token that asked
    caller_kind text        NOT NULL CHECK (caller_kind IN ('ADMIN', 'PARTNER')),
    partner_id  uuid        REFERENCES partner (id),
    token_id    uuid        REFERENCES api_token (id),
    client_ip   text,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX download_audit_run ON download_audit (run_id);
