-- Up Migration

-- Staff access tokens issued before this instant no longer stand (set when an account is disabled, its role
-- changed or its password changed): the short-lived token does not outlive the change by its remaining minutes.
ALTER TABLE users ADD COLUMN sessions_valid_after timestamptz NULL;
