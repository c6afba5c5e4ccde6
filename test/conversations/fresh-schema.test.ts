// A new conversation's storage gets the current schema in one script (FRESH_SCHEMA: the
// added columns written into the CREATE TABLEs); an existing one gets the migrations it
// lacks one by one. Both must end with the same tables, columns, defaults and indexes, or
// a conversation created today would differ from one created before a migration. A
// migration that rebuilds a table (REBUILD) must keep every row, and its seq.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FRESH_SCHEMA, freshSchema, MIGRATIONS, REBUILD, SCHEMA } from "../../src/conversations/store-schema";
import { conversationOf } from "../helpers/conversations";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";

type Shape = Record<string, unknown>;

/** Every table's columns and every index's columns, as SQLite reports them. */
function shapeOf(sql: SqlStorage): Shape {
  const objects = sql.exec("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY type, name").toArray();
  const shape: Shape = {};
  for (const o of objects) {
    const name = String(o.name);
    const declared = String(o.sql ?? "");
    shape[`${String(o.type)} ${name}`] =
      o.type === "table"
        ? { columns: sql.exec(`PRAGMA table_info(${name})`).toArray(), autoincrement: /AUTOINCREMENT/i.test(declared), withoutRowid: /WITHOUT ROWID/i.test(declared) }
        : { on: o.tbl_name, columns: sql.exec(`PRAGMA index_xinfo(${name})`).toArray() };
  }
  return shape;
}

/** The schema conversations were first created with (migrations count from it). */
const FIRST_SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, webhook_event_id TEXT UNIQUE,
  line_message_id TEXT, direction TEXT NOT NULL, body TEXT NOT NULL, sender_line_user_id TEXT, agent_id TEXT, agent_name TEXT,
  status TEXT NOT NULL, via TEXT, error TEXT, retry_key TEXT, payload TEXT, attempts INTEGER NOT NULL DEFAULT 0, media_key TEXT,
  mark_as_read_token TEXT, created_at INTEGER NOT NULL, redelivered INTEGER NOT NULL DEFAULT 0, standby INTEGER NOT NULL DEFAULT 0,
  unsent INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS messages_line_message_id ON messages(line_message_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL, last_error TEXT);
CREATE TABLE IF NOT EXISTS members (line_user_id TEXT PRIMARY KEY, display_name TEXT, picture_url TEXT, language TEXT, fetched_at INTEGER);`;

/** An empty SQLite storage to build a schema in: a pacer stores nothing of its own. */
function inEmptyStorage<T>(name: string, fn: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.LINE_PACERS.get(env.LINE_PACERS.idFromName(`schema-${name}`));
  return runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => fn(state.storage.sql));
}

describe("a conversation's storage schema", () => {
  it("is the same for a new conversation as for one migrated step by step", async () => {
    const migrated = await inEmptyStorage("migrated", (sql) => {
      // As ThreadStore opens existing storage: SCHEMA (new tables), then the migrations it lacks.
      sql.exec(FIRST_SCHEMA);
      sql.exec(SCHEMA);
      for (const m of MIGRATIONS) sql.exec(m);
      return shapeOf(sql);
    });
    const fresh = await inEmptyStorage("fresh", (sql) => {
      sql.exec(FRESH_SCHEMA);
      return shapeOf(sql);
    });
    expect(Object.keys(migrated)).toContain("table messages");
    expect(fresh).toEqual(migrated);

    // And a real new conversation, created by its first webhook, has that schema.
    await postWebhook(webhookBody([textEvent("Hello, is this shop open?", { userId: userId("fresh-schema") })]));
    const { stub } = await conversationOf({ type: "user", userId: userId("fresh-schema") });
    const created = await runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => shapeOf(state.storage.sql));
    expect(created).toEqual(migrated);
  });

  it("keeps every message, its seq, the meta and the waiting events through the rebuilds, and seq goes on growing", async () => {
    const rebuilds = MIGRATIONS.filter((m) => m.startsWith(REBUILD));
    expect(rebuilds.length).toBeGreaterThan(0);
    const after = await inEmptyStorage("rebuilt", (sql) => {
      sql.exec(FIRST_SCHEMA);
      const insert = (id: string, at: number) => sql.exec("INSERT INTO messages (id, webhook_event_id, direction, body, status, created_at) VALUES (?, ?, 'inbound', ?, 'received', ?)", id, `wh-${id}`, JSON.stringify({ type: "text", text: id }), at);
      insert("m1", 1);
      insert("m2", 2);
      insert("m3", 3);
      sql.exec("DELETE FROM messages WHERE id = 'm2'");
      sql.exec("INSERT INTO meta (key, value) VALUES ('unread', '2'), ('mode', '\"active\"')");
      sql.exec("INSERT INTO outbox (id, kind, payload, next_at) VALUES ('event:e1', 'event', '{\"event\":{\"id\":\"e1\"}}', 7), ('index', 'index', '{}', 5)");
      sql.exec(SCHEMA);
      for (const m of MIGRATIONS) sql.exec(m);
      insert("m4", 4);
      return {
        messages: sql.exec("SELECT seq, id, webhook_event_id, body FROM messages ORDER BY seq").toArray(),
        meta: sql.exec("SELECT key, value FROM meta ORDER BY key").toArray(),
        newest: sql.exec("SELECT seq FROM messages WHERE line_message_id IS NULL ORDER BY seq DESC LIMIT 1").one().seq,
        outbox: sql.exec("SELECT id FROM outbox").toArray(),
        events: sql.exec("SELECT payload, next_at FROM events").toArray(),
      };
    });
    expect(after.messages.map((m) => [m.seq, m.id, m.webhook_event_id])).toEqual([
      [1, "m1", "wh-m1"],
      [3, "m3", "wh-m3"],
      [4, "m4", "wh-m4"],
    ]);
    expect(JSON.parse(String(after.messages[1]?.body))).toEqual({ type: "text", text: "m3" });
    expect(after.meta).toEqual([
      { key: "mode", value: '"active"' },
      { key: "unread", value: "2" },
    ]);
    expect(after.newest).toBe(4);
    expect(after.outbox).toEqual([{ id: "index" }]);
    expect(after.events).toEqual([{ payload: '{"event":{"id":"e1"}}', next_at: 7 }]);
  });

  it("stops writing added columns into the tables at the first other ALTER TABLE", () => {
    const schema = "CREATE TABLE IF NOT EXISTS t (\n  a TEXT\n);";
    const script = freshSchema(schema, ["ALTER TABLE t ADD COLUMN b TEXT", "CREATE INDEX IF NOT EXISTS t_a ON t(a)", "ALTER TABLE t RENAME COLUMN b TO c", "ALTER TABLE t ADD COLUMN b INTEGER"]);
    expect(script).toBe("CREATE TABLE IF NOT EXISTS t (\n  a TEXT,\n  b TEXT\n);\nCREATE INDEX IF NOT EXISTS t_a ON t(a);\nALTER TABLE t RENAME COLUMN b TO c;\nALTER TABLE t ADD COLUMN b INTEGER;");
    expect(() => freshSchema(schema, ["ALTER TABLE nowhere ADD COLUMN b TEXT"])).toThrow(/no CREATE TABLE nowhere/);
  });
});
