-- Up Migration

-- Kiosks known by id: where one stands, so a case from a kiosk call starts with its district and site. The
-- kiosk fleet (registration, health, hours) builds on this table.
CREATE TABLE kiosks (
  id text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  district text NULL,
  address text NULL,
  lat double precision NULL,
  lng double precision NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Keys for the city's systems: Open311 clients that post requests, and the back office that changes a case's
-- status. Only a SHA-256 of each key is kept (keys are 32 random bytes, so a fast hash is enough).
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  -- The key's first characters, shown in lists so an admin can tell keys apart.
  prefix text NOT NULL,
  can_post boolean NOT NULL DEFAULT true,
  can_update_status boolean NOT NULL DEFAULT false,
  created_by uuid NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz NULL,
  revoked_by uuid NULL REFERENCES users (id),
  last_used_at timestamptz NULL
);

-- The per-day case sequence (Asia/Taipei day): a row lock per day makes numbers gapless under concurrency,
-- and the number is taken in the transaction that files the case, so a rollback gives it back.
CREATE TABLE case_day_counters (
  day date PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  day date NOT NULL,
  seq integer NOT NULL,
  service text NOT NULL CHECK (service IN ('consultation', 'transfer', 'petition', 'dispatch')),
  dispatch_item text NULL,
  district text NULL,
  address text NULL,
  lat double precision NULL,
  lng double precision NULL,
  description text NULL,
  summary text NULL,
  agency text NULL,
  transfer_outcome text NULL,
  caller_name text NULL,
  caller_phone text NULL,
  caller_email text NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'closed')),
  -- Public words about the status (Open311 status_notes): never personal data.
  status_note text NULL,
  source text NOT NULL CHECK (source IN ('call', 'chat', 'open311')),
  channel text NULL CHECK (channel IN ('web', 'kiosk')),
  kiosk_id text NULL,
  guest_id uuid NULL,
  call_id uuid NULL,
  call_record_id uuid NULL,
  chat_session_id uuid NULL,
  interpreter_id uuid NULL REFERENCES users (id),
  api_key_id uuid NULL REFERENCES api_keys (id),
  device_id text NULL,
  media_url text NULL,
  -- Chosen by the filer once per case and reused for every resend: a double click or a resend files one case.
  client_key text NOT NULL UNIQUE,
  readback_answer text NULL CHECK (readback_answer IN ('correct', 'change')),
  readback_at timestamptz NULL,
  readback_skip_reason text NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz NULL,
  closed_by uuid NULL REFERENCES users (id),
  closing_note text NULL,
  UNIQUE (day, seq)
);
CREATE INDEX cases_created_at_idx ON cases (created_at);
CREATE INDEX cases_updated_at_idx ON cases (updated_at);
CREATE INDEX cases_service_idx ON cases (service, created_at);
CREATE INDEX cases_item_idx ON cases (dispatch_item, created_at) WHERE dispatch_item IS NOT NULL;
CREATE INDEX cases_district_idx ON cases (district, created_at);
CREATE INDEX cases_status_idx ON cases (status, created_at);
CREATE INDEX cases_interpreter_idx ON cases (interpreter_id, created_at);
CREATE INDEX cases_guest_idx ON cases (guest_id, created_at) WHERE guest_id IS NOT NULL;
CREATE INDEX cases_kiosk_idx ON cases (kiosk_id, created_at) WHERE kiosk_id IS NOT NULL;
CREATE INDEX cases_call_idx ON cases (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX cases_chat_idx ON cases (chat_session_id) WHERE chat_session_id IS NOT NULL;

-- Every change of a case, in order.
CREATE TABLE case_history (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'api', 'system')),
  actor_id text NULL,
  actor_name text NOT NULL,
  action text NOT NULL CHECK (action IN ('filed', 'status', 'edited')),
  from_status text NULL,
  to_status text NULL,
  note text NULL
);
CREATE INDEX case_history_case_idx ON case_history (case_id, id);

-- The case form being typed, one per call or chat, saved as it is typed (a reload, a dropped connection or a
-- transfer to a colleague finds it). The read-back the caller was shown is kept with a digest of what it said.
CREATE TABLE case_drafts (
  ref_kind text NOT NULL CHECK (ref_kind IN ('call', 'chat')),
  ref_id uuid NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 0,
  updated_by uuid NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  readback_id uuid NULL,
  readback_digest text NULL,
  readback_body jsonb NULL,
  readback_sent_at timestamptz NULL,
  readback_answer text NULL CHECK (readback_answer IN ('correct', 'change')),
  readback_answered_at timestamptz NULL,
  PRIMARY KEY (ref_kind, ref_id)
);
CREATE UNIQUE INDEX case_drafts_readback_idx ON case_drafts (readback_id) WHERE readback_id IS NOT NULL;

-- Messages to callers (receipts, status changes), written in the same transaction as the case change and
-- sent by a worker: retried with backoff, each marked sent once (a resend carries the same id, so a receiver
-- can tell a repeat).
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY,
  case_id uuid NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('case-filed', 'case-status', 'case-closed')),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz NULL,
  sent_at timestamptz NULL,
  last_error text NULL
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Every view of a case's personal data and every change of a case. Append-only: the product has no route
-- that changes it, and the database refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'api', 'system')),
  actor_id text NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  case_id uuid NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_case_idx ON audit_log (case_id) WHERE case_id IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Wrap-up: how the call or chat ended for the interpreter, and their notes.
ALTER TABLE call_records ADD COLUMN wrap_up_outcome text NULL;
ALTER TABLE call_records ADD COLUMN wrap_up_notes text NULL;
ALTER TABLE call_records ADD COLUMN wrap_up_at timestamptz NULL;
ALTER TABLE chat_sessions ADD COLUMN wrap_up_outcome text NULL;
ALTER TABLE chat_sessions ADD COLUMN wrap_up_notes text NULL;
ALTER TABLE chat_sessions ADD COLUMN wrap_up_at timestamptz NULL;
CREATE INDEX call_records_call_id_idx ON call_records (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX chat_sessions_kind_created_idx ON chat_sessions (kind, created_at);

-- Down Migration

DROP INDEX chat_sessions_kind_created_idx;
DROP INDEX call_records_call_id_idx;
ALTER TABLE chat_sessions DROP COLUMN wrap_up_at;
ALTER TABLE chat_sessions DROP COLUMN wrap_up_notes;
ALTER TABLE chat_sessions DROP COLUMN wrap_up_outcome;
ALTER TABLE call_records DROP COLUMN wrap_up_at;
ALTER TABLE call_records DROP COLUMN wrap_up_notes;
ALTER TABLE call_records DROP COLUMN wrap_up_outcome;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE notification_outbox;
DROP TABLE case_drafts;
DROP TABLE case_history;
DROP TABLE cases;
DROP TABLE case_day_counters;
DROP TABLE api_keys;
DROP TABLE kiosks;
