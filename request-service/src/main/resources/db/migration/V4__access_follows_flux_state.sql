-- Access follows the flux's state: the definition a run was made under, partner-safe run errors and
-- the retention pass's failures recorded on the run.

-- Incremented when a PATCH changes what the flux exports; a run carries the version it was made under
-- and its files are offered only while that version is the flux's.
ALTER TABLE flux ADD COLUMN definition_version integer NOT NULL DEFAULT 1;
ALTER TABLE run ADD COLUMN definition_version integer NOT NULL DEFAULT 1;

-- A run's error as partners see it: a category and a reference; the full text (error) is the admin's.
ALTER TABLE run ADD COLUMN error_category text;
ALTER TABLE run ADD COLUMN error_reference text;
UPDATE run SET error_category = 'EXPORT_FAILED', error_reference = left(replace(id::text, '-', ''), 12)
 WHERE error IS NOT NULL;

-- Why the retention pass could not erase a run's files (kept SUCCEEDED, tried again later), and when.
ALTER TABLE run ADD COLUMN retention_error text;
ALTER TABLE run ADD COLUMN retention_failed_at timestamptz;
