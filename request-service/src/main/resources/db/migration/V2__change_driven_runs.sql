-- Change-driven re-export: runs caused by changes of the source, and the changes waiting to be run.
ALTER TABLE run DROP CONSTRAINT run_origin_check;
ALTER TABLE run ADD CONSTRAINT run_origin_check CHECK (origin IN ('SCHEDULED', 'MANUAL', 'CHANGE'));

-- One row per flux touched by source changes not yet run: coalesced until the quiet window passed.
CREATE TABLE flux_change (
    flux_id          uuid PRIMARY KEY REFERENCES flux (id),
    first_change_at  timestamptz NOT NULL,
    last_change_at   timestamptz NOT NULL,
    changes          bigint      NOT NULL,
    -- the flux's minimum interval between two runs, in seconds, when the change arrived
    min_interval_s   bigint      NOT NULL
);
