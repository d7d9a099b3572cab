-- The download audit records the person (portal session) who asked for a signed URL, not only the
-- partner: the OpenID Connect subject (stable) and the login name at that time. Null for bearer tokens.
ALTER TABLE download_audit
    ADD COLUMN person_subject  text,
    ADD COLUMN person_username text;
