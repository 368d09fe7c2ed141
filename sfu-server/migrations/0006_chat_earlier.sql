-- Up Migration

-- A video call that a text chat turned into: the call's chat points at the text chat it came from, so both
-- parties of the call see what was written before (addresses, names) without it being copied.
ALTER TABLE chat_sessions ADD COLUMN previous_session_id uuid NULL REFERENCES chat_sessions (id) ON DELETE SET NULL;
