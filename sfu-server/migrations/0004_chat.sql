-- Up Migration

-- A text-chat session (kind 'text': the 24-hour chat line) or the chat beside a video call (kind 'call').
CREATE TABLE chat_sessions (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('text', 'call')),
  guest_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'kiosk')),
  kiosk_id text NULL,
  topic text NULL,
  call_id uuid NULL UNIQUE,
  -- The video call record this chat belongs to (its transcript goes with the case).
  call_record_id uuid NULL,
  interpreter_id uuid NULL REFERENCES users (id),
  callback_name text NULL,
  callback_phone text NULL,
  callback_email text NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz NULL,
  ended_at timestamptz NULL,
  end_reason text NULL,
  last_seq integer NOT NULL DEFAULT 0
);
CREATE INDEX chat_sessions_interpreter_idx ON chat_sessions (interpreter_id) WHERE ended_at IS NULL;
CREATE INDEX chat_sessions_created_at_idx ON chat_sessions (created_at);

-- Messages, stored before they are acknowledged. A client key makes a resend idempotent.
CREATE TABLE chat_messages (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender_kind text NOT NULL CHECK (sender_kind IN ('guest', 'staff', 'system')),
  sender_id uuid NULL,
  sender_name text NOT NULL,
  client_key text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, seq),
  UNIQUE (session_id, sender_kind, client_key)
);
CREATE INDEX chat_messages_created_at_idx ON chat_messages (created_at);

-- Down Migration

DROP TABLE chat_messages;
DROP TABLE chat_sessions;
