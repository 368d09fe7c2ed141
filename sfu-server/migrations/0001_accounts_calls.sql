-- Up Migration

-- Staff accounts. Usernames are unique case-insensitively through a unique index on lower(username) (look
-- them up with lower(username) = lower($1)) rather than citext, so the same SQL runs on a stock Postgres and
-- on embedded PGlite without an extension.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('interpreter', 'supervisor', 'admin')),
  gender text NULL CHECK (gender IN ('female', 'male')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- Only a hash of each refresh token is stored; a revoked or expired row is kept until cleaned up.
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);

-- One row per queue entry (its id is the entry's id), from joining the queue to the end of the call or
-- abandonment; call_id is set once an interpreter answers.
CREATE TABLE call_records (
  id uuid PRIMARY KEY,
  call_id uuid NULL,
  guest_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'kiosk')),
  kiosk_id text NULL,
  topic text NULL,
  preferred_gender text NULL,
  queued_at timestamptz NOT NULL,
  offered_at timestamptz NULL,
  answered_at timestamptz NULL,
  ended_at timestamptz NULL,
  abandoned_at timestamptz NULL,
  interpreter_id uuid NULL REFERENCES users (id),
  transferred_from uuid NULL REFERENCES users (id),
  end_reason text NULL,
  offer_count integer NOT NULL DEFAULT 0,
  requeued_count integer NOT NULL DEFAULT 0
);
CREATE INDEX call_records_queued_at_idx ON call_records (queued_at);

-- Down Migration

DROP TABLE call_records;
DROP TABLE refresh_tokens;
DROP TABLE users;
