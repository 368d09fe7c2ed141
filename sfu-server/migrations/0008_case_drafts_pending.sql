-- Up Migration

-- A draft is pending (typed into, not filed) while its version is past the version it had when it was last
-- filed (or created): the desk lists an interpreter's pending drafts, so a case not filed before the wrap-up
-- ended can still be finished.
ALTER TABLE case_drafts ADD COLUMN filed_version integer NOT NULL DEFAULT 0;
CREATE INDEX case_drafts_pending_idx ON case_drafts (updated_by, updated_at) WHERE version > filed_version;

-- Down Migration

DROP INDEX case_drafts_pending_idx;
ALTER TABLE case_drafts DROP COLUMN filed_version;
