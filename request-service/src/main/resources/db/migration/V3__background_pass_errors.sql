-- Background passes record what they could not do where the admin sees it, and go on with the others.

-- The latest failure of a background pass (scheduler, change routing, change scheduler) on this flux;
-- kept until an admin revises the flux.
ALTER TABLE flux ADD COLUMN last_error text;
ALTER TABLE flux ADD COLUMN last_error_at timestamptz;

-- A message the broker refuses for good (too large, invalid topic): set aside, no longer sent; its
-- run FAILED with the reason. Pending rows are those neither sent nor rejected.
ALTER TABLE outbox ADD COLUMN rejected_at timestamptz;
