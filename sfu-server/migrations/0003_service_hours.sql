-- Up Migration

-- Settings an admin changes while the service runs, one JSON document per key (key 'service_hours': the
-- weekly hours and dated exceptions). Every server process reads them from here, so a change reaches all of
-- them without a restart. `version` starts at 1 and goes up by one with each change: a save names the version
-- it was based on and is refused when someone else's change came in between.
CREATE TABLE service_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NULL REFERENCES users (id) ON DELETE SET NULL
);

-- Down Migration

DROP TABLE service_settings;
