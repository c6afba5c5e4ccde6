// linedesk's per-conversation tables as the floor's /rows mode writes them (worker.js): a
// copy of src/conversations/store-schema.ts with its migrations applied, since the floor is
// plain JS run without the app's bundle. test/conversations/floor-schema.test.ts checks that
// the copy still matches: a schema change there must be made here too.
export const ROWS_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, webhook_event_id TEXT UNIQUE,
  line_message_id TEXT, direction TEXT NOT NULL, body TEXT NOT NULL, sender_line_user_id TEXT, agent_id TEXT, agent_name TEXT,
  status TEXT NOT NULL, via TEXT, error TEXT, retry_key TEXT, payload TEXT, attempts INTEGER NOT NULL DEFAULT 0, media_key TEXT,
  mark_as_read_token TEXT, created_at INTEGER NOT NULL, redelivered INTEGER NOT NULL DEFAULT 0, standby INTEGER NOT NULL DEFAULT 0,
  unsent INTEGER NOT NULL DEFAULT 0, quote_token TEXT, reply_token TEXT, reply_token_at INTEGER, origin TEXT, answer INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS messages_line_message_id ON messages(line_message_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL, last_error TEXT, generation INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL,
  last_error TEXT);
CREATE TABLE IF NOT EXISTS members (line_user_id TEXT PRIMARY KEY, display_name TEXT);`;
