-- Up Migration

-- Whether each interpreter takes text chats (接收文字對話), as they last chose it: a chat seat freed when its chat
-- ends follows this choice (every server process reads the same row), instead of opening again by itself.
CREATE TABLE chat_seat_choices (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  open boolean NOT NULL,
  chosen_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE chat_seat_choices;
