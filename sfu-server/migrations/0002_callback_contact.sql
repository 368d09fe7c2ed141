-- Up Migration

-- A caller may leave a name and a phone number or e-mail address so the service can call them back
-- (optional; kept with the call record only).
ALTER TABLE call_records
  ADD COLUMN callback_name text NULL,
  ADD COLUMN callback_phone text NULL,
  ADD COLUMN callback_email text NULL;

-- Down Migration

ALTER TABLE call_records DROP COLUMN callback_name, DROP COLUMN callback_phone, DROP COLUMN callback_email;
