-- What happened to a flux, in order: its submission, the staff's decisions (with their reason), changes of
-- its request and its revocation; read by its owner and the staff (GET /api/v1/fluxes/{id}/history).
-- Written in the transaction of the change it records.
CREATE TABLE flux_event (
    id        uuid PRIMARY KEY,
    flux_id   uuid        NOT NULL REFERENCES flux (id),
    kind      text        NOT NULL CHECK (kind IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'SUSPENDED', 'RESUMED', 'REVOKED',
                                                   'CHANGED')),
    -- the flux's status after the event
    status    text        NOT NULL CHECK (status IN ('REQUESTED', 'ACTIVE', 'SUSPENDED', 'REJECTED', 'REVOKED')),
    reason    text,
    -- whether the platform's staff did it (else the partner), and the person's login name in a portal session
    by_admin  boolean     NOT NULL,
    person    text,
    at        timestamptz NOT NULL
);
CREATE INDEX flux_event_flux ON flux_event (flux_id, at);

-- Fluxes from before: their submission, and the decision that gave them their current status (when it is
-- not REQUESTED), at their last change; earlier decisions were not recorded.
INSERT INTO flux_event (id, flux_id, kind, status, reason, by_admin, person, at)
SELECT gen_random_uuid(), id, 'SUBMITTED', 'REQUESTED', NULL, false, NULL, created_at FROM flux;
INSERT INTO flux_event (id, flux_id, kind, status, reason, by_admin, person, at)
SELECT gen_random_uuid(), id, CASE status WHEN 'ACTIVE' THEN 'APPROVED' ELSE status END, status, status_reason,
       status <> 'REVOKED' OR status_reason = 'revoked by the admin', NULL, updated_at
FROM flux WHERE status <> 'REQUESTED';
