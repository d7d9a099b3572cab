-- E-mails to the flux's contact and the platform's staff, written in the same transaction as the event
-- that causes them (a flux approved, rejected or suspended, a run failed, files soon erased); the mail
-- relay sends them through SMTP, retrying with backoff, and marks them sent.
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    -- what happened, once: a second insert of the same event is ignored; the Message-ID derives from it
    event_id        text        NOT NULL UNIQUE,
    kind            text        NOT NULL CHECK (kind IN ('FLUX_APPROVED', 'FLUX_REJECTED', 'FLUX_SUSPENDED', 'RUN_FAILED',
                                                         'FILES_ERASED_SOON')),
    flux_id         uuid        NOT NULL REFERENCES flux (id),
    -- comma-separated addresses: the flux's contact (To), the staff (Cc)
    to_addresses    text        NOT NULL,
    cc_addresses    text        NOT NULL DEFAULT '',
    subject         text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    -- not before: the backoff after a failed attempt
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL;

-- When the run's flux was told that its files will be erased soon (one notice per run).
ALTER TABLE run ADD COLUMN erasure_noticed_at timestamptz;
CREATE INDEX run_erasure_notice ON run (finished_at) WHERE status = 'SUCCEEDED' AND erasure_noticed_at IS NULL;
