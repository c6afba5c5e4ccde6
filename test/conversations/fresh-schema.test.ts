// A new conversation's storage gets the current schema in one script (FRESH_SCHEMA: the
// added columns written into the CREATE TABLEs); an existing one gets the migrations it
// lacks one by one. Both must end with the same tables, columns, defaults and indexes, or
// a conversation created today would differ from one created before a migration.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FRESH_SCHEMA, freshSchema, MIGRATIONS, SCHEMA } from "../../src/conversations/store-schema";
import { conversationOf } from "../helpers/conversations";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";

type Shape = Record<string, unknown>;

/** Every table's columns and every index's columns, as SQLite reports them. */
function shapeOf(sql: SqlStorage): Shape {
  const objects = sql.exec("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY type, name").toArray();
  const shape: Shape = {};
  for (const o of objects) {
    const name = String(o.name);
    shape[`${String(o.type)} ${name}`] =
      o.type === "table"
        ? sql.exec(`PRAGMA table_info(${name})`).toArray()
        : { on: o.tbl_name, columns: sql.exec(`PRAGMA index_xinfo(${name})`).toArray() };
  }
  return shape;
}

/** An empty SQLite storage to build a schema in: a pacer stores nothing of its own. */
function inEmptyStorage<T>(name: string, fn: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.LINE_PACERS.get(env.LINE_PACERS.idFromName(`schema-${name}`));
  return runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => fn(state.storage.sql));
}

describe("a conversation's storage schema", () => {
  it("is the same for a new conversation as for one migrated step by step", async () => {
    const migrated = await inEmptyStorage("migrated", (sql) => {
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

  it("stops writing added columns into the tables at the first other ALTER TABLE", () => {
    const schema = "CREATE TABLE IF NOT EXISTS t (\n  a TEXT\n);";
    const script = freshSchema(schema, ["ALTER TABLE t ADD COLUMN b TEXT", "CREATE INDEX IF NOT EXISTS t_a ON t(a)", "ALTER TABLE t RENAME COLUMN b TO c", "ALTER TABLE t ADD COLUMN b INTEGER"]);
    expect(script).toBe("CREATE TABLE IF NOT EXISTS t (\n  a TEXT,\n  b TEXT\n);\nCREATE INDEX IF NOT EXISTS t_a ON t(a);\nALTER TABLE t RENAME COLUMN b TO c;\nALTER TABLE t ADD COLUMN b INTEGER;");
    expect(() => freshSchema(schema, ["ALTER TABLE nowhere ADD COLUMN b TEXT"])).toThrow(/no CREATE TABLE nowhere/);
  });
});
