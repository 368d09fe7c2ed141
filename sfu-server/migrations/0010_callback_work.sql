-- Up Migration

-- Call-back requests become work: how the caller asked to be reached, a reference number they were shown,
-- who took the request (one person at a time), how it ended, and the case filed from it.

-- The per-day reference sequence (Asia/Taipei day), taken under a row lock in the transaction that stores the
-- request, so references of a day are sequential and never repeat.
CREATE TABLE callback_day_counters (
  day date PRIMARY KEY,
  last integer NOT NULL
);

ALTER TABLE callback_requests ADD COLUMN contact_method text NULL CHECK (contact_method IN ('sms', 'email', 'video'));
ALTER TABLE callback_requests ADD COLUMN day date NULL;
ALTER TABLE callback_requests ADD COLUMN seq integer NULL;
ALTER TABLE callback_requests ADD COLUMN reference text NULL;
ALTER TABLE callback_requests ADD COLUMN claimed_by uuid NULL REFERENCES users (id);
ALTER TABLE callback_requests ADD COLUMN claimed_at timestamptz NULL;
ALTER TABLE callback_requests ADD COLUMN outcome text NULL
  CHECK (outcome IN ('reached', 'resolved-by-text', 'case-filed', 'no-answer', 'wrong-contact', 'no-longer-needed', 'duplicate'));
ALTER TABLE callback_requests ADD COLUMN outcome_note text NULL;
ALTER TABLE callback_requests ADD COLUMN case_id uuid NULL REFERENCES cases (id);

-- Requests left before this change: reached as their contact says (a phone number by text message), numbered in
-- the order they came on their Taipei day.
UPDATE callback_requests SET contact_method = CASE WHEN phone IS NOT NULL THEN 'sms' ELSE 'email' END;
UPDATE callback_requests c SET day = n.day, seq = n.seq,
  reference = 'CB-' || to_char(n.day, 'MMDD') || '-' || lpad(n.seq::text, 3, '0')
FROM (
  SELECT id, ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day,
    row_number() OVER (PARTITION BY ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date ORDER BY created_at, id)::integer AS seq
  FROM callback_requests
) n
WHERE n.id = c.id;
INSERT INTO callback_day_counters (day, last) SELECT day, max(seq) FROM callback_requests GROUP BY day;

ALTER TABLE callback_requests ALTER COLUMN contact_method SET NOT NULL;
ALTER TABLE callback_requests ALTER COLUMN day SET NOT NULL;
ALTER TABLE callback_requests ALTER COLUMN seq SET NOT NULL;
ALTER TABLE callback_requests ALTER COLUMN reference SET NOT NULL;
ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_day_seq_key UNIQUE (day, seq);
-- The method's contact is there: a text message needs a mobile number, an e-mail an address, a video call back
-- either (the link is sent there).
ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_method_contact_check CHECK (
  (contact_method = 'sms' AND phone IS NOT NULL) OR (contact_method = 'email' AND email IS NOT NULL)
  OR (contact_method = 'video' AND (phone IS NOT NULL OR email IS NOT NULL))
);
-- A claim has its time; a request closed from now on has its outcome.
ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_claim_check CHECK ((claimed_by IS NULL) = (claimed_at IS NULL));
CREATE INDEX callback_requests_done_idx ON callback_requests (done_at) WHERE done_at IS NOT NULL;

-- A case form can belong to a call-back request, and a case can come from one.
ALTER TABLE case_drafts DROP CONSTRAINT case_drafts_ref_kind_check;
ALTER TABLE case_drafts ADD CONSTRAINT case_drafts_ref_kind_check CHECK (ref_kind IN ('call', 'chat', 'callback'));
ALTER TABLE cases DROP CONSTRAINT cases_source_check;
ALTER TABLE cases ADD CONSTRAINT cases_source_check CHECK (source IN ('call', 'chat', 'callback', 'open311'));

-- Down Migration

-- Cases filed from call-back requests keep their rows; the older schema has no word for their source.
ALTER TABLE cases DROP CONSTRAINT cases_source_check;
UPDATE cases SET source = 'chat' WHERE source = 'callback';
ALTER TABLE cases ADD CONSTRAINT cases_source_check CHECK (source IN ('call', 'chat', 'open311'));
DELETE FROM case_drafts WHERE ref_kind = 'callback';
ALTER TABLE case_drafts DROP CONSTRAINT case_drafts_ref_kind_check;
ALTER TABLE case_drafts ADD CONSTRAINT case_drafts_ref_kind_check CHECK (ref_kind IN ('call', 'chat'));
DROP INDEX callback_requests_done_idx;
ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_claim_check;
ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_method_contact_check;
ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_day_seq_key;
ALTER TABLE callback_requests DROP COLUMN case_id;
ALTER TABLE callback_requests DROP COLUMN outcome_note;
ALTER TABLE callback_requests DROP COLUMN outcome;
ALTER TABLE callback_requests DROP COLUMN claimed_at;
ALTER TABLE callback_requests DROP COLUMN claimed_by;
ALTER TABLE callback_requests DROP COLUMN reference;
ALTER TABLE callback_requests DROP COLUMN seq;
ALTER TABLE callback_requests DROP COLUMN day;
ALTER TABLE callback_requests DROP COLUMN contact_method;
DROP TABLE callback_day_counters;
