-- Up Migration

-- A caller who reached us outside video hours asks to be called back (video or text) when the service opens.
CREATE TABLE callback_requests (
  id uuid PRIMARY KEY,
  guest_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'kiosk')),
  kiosk_id text NULL,
  topic text NULL,
  name text NOT NULL,
  phone text NULL,
  email text NULL,
  note text NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz NULL,
  done_by uuid NULL REFERENCES users (id),
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX callback_requests_open_idx ON callback_requests (created_at) WHERE done_at IS NULL;

-- Down Migration

DROP TABLE callback_requests;
