-- Up Migration

-- Whether the kiosk a call or chat came from proved it is that kiosk (a device credential), as the caller's token
-- said when they joined. No kiosk has proven its identity so far, so every row before this one is unverified.
ALTER TABLE call_records ADD COLUMN kiosk_verified boolean NOT NULL DEFAULT false;
ALTER TABLE chat_sessions ADD COLUMN kiosk_verified boolean NOT NULL DEFAULT false;

-- Down Migration

ALTER TABLE chat_sessions DROP COLUMN kiosk_verified;
ALTER TABLE call_records DROP COLUMN kiosk_verified;
