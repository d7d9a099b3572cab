-- The redistribution terms accepted with a flux request: their version, when, and by whom: the admin
-- submitting for the partner (terms_accepted_by_admin) or a partner's token (terms_accepted_token) today;
-- terms_accepted_person is for the person logged in to the portal (OpenID Connect), NULL until persons
-- exist. Fluxes requested before terms existed keep every column NULL.
ALTER TABLE flux ADD COLUMN terms_version text;
ALTER TABLE flux ADD COLUMN terms_accepted_at timestamptz;
ALTER TABLE flux ADD COLUMN terms_accepted_by_admin boolean;
ALTER TABLE flux ADD COLUMN terms_accepted_token uuid;
ALTER TABLE flux ADD COLUMN terms_accepted_person text;
