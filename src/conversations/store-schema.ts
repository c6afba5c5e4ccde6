// The ConversationDO's SQLite schema, its in-place migrations, and row mapping.
import type { EventOrigin } from "./events";
import type { NewMessage } from "./store";
import type { DeliveryStatus, DeliveryVia, Direction, MessageBody, ThreadMessage } from "./model";

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  webhook_event_id TEXT UNIQUE,
  line_message_id TEXT,
  direction TEXT NOT NULL,
  body TEXT NOT NULL,
  sender_line_user_id TEXT,
  agent_id TEXT,
  agent_name TEXT,
  status TEXT NOT NULL,
  via TEXT,
  error TEXT,
  retry_key TEXT,
  payload TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  media_key TEXT,
  mark_as_read_token TEXT,
  created_at INTEGER NOT NULL,
  redelivered INTEGER NOT NULL DEFAULT 0,
  standby INTEGER NOT NULL DEFAULT 0,
  unsent INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS messages_line_message_id ON messages(line_message_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT
);
-- Domain events waiting for their listeners, in the order they were emitted (emit.ts).
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS members (
  line_user_id TEXT PRIMARY KEY,
  display_name TEXT,
  picture_url TEXT,
  language TEXT,
  fetched_at INTEGER
);
`;

/**
 * Marks a migration that brings existing storage to the shape SCHEMA declares now (a table
 * rebuilt, rows moved to a new table): existing storage runs it, new storage has that
 * shape already and skips it.
 */
export const REBUILD = "-- rebuild: SCHEMA has this shape\n";

const MESSAGE_COLUMNS =
  "seq, id, webhook_event_id, line_message_id, direction, body, sender_line_user_id, agent_id, agent_name, status, via, error, retry_key, payload, attempts, media_key, mark_as_read_token, created_at, redelivered, standby, unsent, quote_token, reply_token, reply_token_at, origin, answer";

/**
 * Changes after the first schema, applied in order to every object's storage
 * (existing objects keep their data; new ones run them all after SCHEMA).
 */
export const MIGRATIONS = [
  "ALTER TABLE messages ADD COLUMN quote_token TEXT",
  "ALTER TABLE members ADD COLUMN status_message TEXT",
  // Bumped whenever a job is enqueued again, so a run never deletes work queued during it.
  "ALTER TABLE outbox ADD COLUMN generation INTEGER NOT NULL DEFAULT 0",
  // The reply token an unconfirmed reply used (timeout/5xx): retried with it, never pushed.
  "ALTER TABLE messages ADD COLUMN reply_token TEXT",
  "ALTER TABLE messages ADD COLUMN reply_token_at INTEGER",
  // JSON EventOrigin of outbound messages: agent, automation rule or API token.
  "ALTER TABLE messages ADD COLUMN origin TEXT",
  // Was the index of due jobs with events last; events moved to their own table (below),
  // which drops it again, so storage that has not made it yet need not.
  "SELECT 1",
  // 1: a customer's answer the conversation asked for (a survey's rating or comment), not a request.
  "ALTER TABLE messages ADD COLUMN answer INTEGER NOT NULL DEFAULT 0",
  // Without AUTOINCREMENT: a message is never deleted, so the next seq is the largest plus
  // one all the same, and an insert no longer reads and rewrites sqlite_sequence (a page
  // more in every commit: about 4% of the CPU per webhook in the floor benchmark).
  `${REBUILD}CREATE TABLE messages_rebuilt (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, webhook_event_id TEXT UNIQUE, line_message_id TEXT, direction TEXT NOT NULL,
  body TEXT NOT NULL, sender_line_user_id TEXT, agent_id TEXT, agent_name TEXT, status TEXT NOT NULL, via TEXT, error TEXT,
  retry_key TEXT, payload TEXT, attempts INTEGER NOT NULL DEFAULT 0, media_key TEXT, mark_as_read_token TEXT,
  created_at INTEGER NOT NULL, redelivered INTEGER NOT NULL DEFAULT 0, standby INTEGER NOT NULL DEFAULT 0,
  unsent INTEGER NOT NULL DEFAULT 0, quote_token TEXT, reply_token TEXT, reply_token_at INTEGER, origin TEXT,
  answer INTEGER NOT NULL DEFAULT 0
);
INSERT INTO messages_rebuilt (${MESSAGE_COLUMNS}) SELECT ${MESSAGE_COLUMNS} FROM messages;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
CREATE INDEX IF NOT EXISTS messages_line_message_id ON messages(line_message_id);`,
  // WITHOUT ROWID: the key is the table's own b-tree, so a meta write changes one page, not two.
  `${REBUILD}CREATE TABLE meta_rebuilt (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta_rebuilt (key, value) SELECT key, value FROM meta;
DROP TABLE meta;
ALTER TABLE meta_rebuilt RENAME TO meta;`,
  // Domain events in a table of their own, keyed by rowid alone: emitting one writes one
  // b-tree page instead of three (the outbox's row, its text key and its due index), and a
  // run deletes its events by seq. SCHEMA creates the table before this moves them.
  `${REBUILD}INSERT INTO events (payload, attempts, next_at, last_error) SELECT payload, attempts, next_at, last_error FROM outbox WHERE kind = 'event' ORDER BY next_at, rowid;
DELETE FROM outbox WHERE kind = 'event';
DROP INDEX IF EXISTS outbox_due;`,
];

/**
 * The current schema for new storage, in one script: SCHEMA with each leading run of
 * MIGRATIONS' "ADD COLUMN"s written into its CREATE TABLE (last, where the ALTER puts it)
 * and every other migration after it, in order. A new conversation's first webhook waits
 * for this, and each ALTER TABLE rewrites and reloads the whole schema. Folding stops at
 * the first other ALTER TABLE (a rename or drop could depend on the order); REBUILD
 * migrations are left out (SCHEMA declares the shape they build). An existing
 * object runs the migrations it has not had yet, one by one; both give the same tables
 * (test/conversations/fresh-schema.test.ts).
 */
export function freshSchema(schema: string, migrations: readonly string[]): string {
  let tables = schema;
  const after: string[] = [];
  let folding = true;
  for (const migration of migrations) {
    if (migration.startsWith(REBUILD)) continue;
    const add = folding ? /^ALTER TABLE (\w+) ADD COLUMN (.+)$/is.exec(migration.trim()) : null;
    if (!add?.[1] || !add[2]) {
      if (/^ALTER TABLE/i.test(migration.trim())) folding = false;
      after.push(`${migration};`);
      continue;
    }
    const close = closingParen(tables, add[1]);
    tables = `${tables.slice(0, close).trimEnd()},\n  ${add[2]}\n${tables.slice(close)}`;
  }
  return [tables, ...after].join("\n");
}

/** Where the column list of `table`'s CREATE TABLE in `sql` ends. */
function closingParen(sql: string, table: string): number {
  const start = sql.indexOf(`CREATE TABLE IF NOT EXISTS ${table} (`);
  if (start < 0) throw new Error(`schema: no CREATE TABLE ${table} to add a column to`);
  let depth = 0;
  for (let i = sql.indexOf("(", start); i < sql.length; i++) {
    if (sql[i] === "(") depth++;
    else if (sql[i] === ")" && --depth === 0) return i;
  }
  throw new Error(`schema: CREATE TABLE ${table} is not closed`);
}

export const FRESH_SCHEMA = freshSchema(SCHEMA, MIGRATIONS);

export type Row = Record<string, SqlStorageValue>;

export const str = (v: SqlStorageValue | undefined): string | null => (typeof v === "string" ? v : null);
export const num = (v: SqlStorageValue | undefined): number => (typeof v === "number" ? v : Number(v ?? 0));


export const SELECT = `SELECT m.*, mem.display_name AS sender_name FROM messages m LEFT JOIN members mem ON mem.line_user_id = m.sender_line_user_id`;

export function toMessage(row: Row): ThreadMessage {
  return {
    id: String(row.id),
    seq: num(row.seq),
    direction: String(row.direction) as Direction,
    body: JSON.parse(String(row.body)) as MessageBody,
    lineMessageId: str(row.line_message_id),
    senderLineUserId: str(row.sender_line_user_id),
    senderName: str(row.sender_name),
    agentId: str(row.agent_id),
    agentName: str(row.agent_name),
    status: String(row.status) as DeliveryStatus,
    via: str(row.via) as DeliveryVia | null,
    error: str(row.error),
    mediaKey: str(row.media_key),
    quoteToken: str(row.quote_token),
    createdAt: num(row.created_at),
    redelivered: num(row.redelivered) === 1,
    standby: num(row.standby) === 1,
    unsent: num(row.unsent) === 1,
    ...(row.origin ? { origin: JSON.parse(String(row.origin)) as EventOrigin } : {}),
    ...(num(row.answer) === 1 ? { answer: true as const } : {}),
  };
}

/** What an INSERT into messages answered, with the origin JSON it stored. */
export interface InsertedRow {
  seq: number;
  senderName: string | null;
  origin: string | null;
}

/**
 * A message just inserted, as toMessage would read its row back: the columns the INSERT
 * does not set have their defaults (no delivery yet, no media, not unsent). The body is the
 * caller's own object (every caller builds a fresh one; parsing back what was just
 * stringified cost a JSON.parse per message); the origin is parsed from what was stored.
 */
export function insertedMessage(m: NewMessage, row: InsertedRow): ThreadMessage {
  return {
    id: m.id,
    seq: row.seq,
    direction: m.direction,
    body: m.body,
    lineMessageId: m.lineMessageId ?? null,
    senderLineUserId: m.senderLineUserId ?? null,
    senderName: row.senderName,
    agentId: m.agentId ?? null,
    agentName: m.agentName ?? null,
    status: m.status,
    via: null,
    error: null,
    mediaKey: null,
    quoteToken: m.quoteToken ?? null,
    createdAt: m.createdAt,
    redelivered: m.redelivered === true,
    standby: m.standby === true,
    unsent: false,
    ...(row.origin ? { origin: JSON.parse(row.origin) as EventOrigin } : {}),
    ...(m.answer ? { answer: true as const } : {}),
  };
}
