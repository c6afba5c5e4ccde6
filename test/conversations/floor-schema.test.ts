// The benchmark's floor (test/bench/floor/) writes a copy of a conversation's rows to show
// what linedesk's durable schema costs on its own; the copy must stay the schema the app
// really has, or the floor-rows figures in the README stop meaning anything.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ROWS_SCHEMA } from "../bench/floor/rows-schema.js";
import { ThreadStore } from "../../src/conversations/store";

const TABLES = ["messages", "meta", "outbox", "events"] as const;
const PREFIX = "floor_";

/** Columns and indexes of `table` (index names left out: only what they cover counts). */
function shape(sql: SqlStorage, table: string) {
  const columns = sql
    .exec(`PRAGMA table_info(${table})`)
    .toArray()
    .map((c) => ({ name: c.name, type: String(c.type).toUpperCase(), notNull: c.notnull, default: c.dflt_value, pk: c.pk }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const indexes = sql
    .exec(`PRAGMA index_list(${table})`)
    .toArray()
    .map((index) => {
      const declared = sql.exec("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", index.name).toArray()[0]?.sql;
      const covers = sql
        .exec(`PRAGMA index_info(${String(index.name)})`)
        .toArray()
        .map((c) => c.name ?? "(expression)")
        .join(",");
      // A declared index: its definition from ON on, without the floor's prefix.
      const on = typeof declared === "string" ? declared.slice(declared.indexOf(" ON ")).replaceAll(PREFIX, "").replace(/\s+/g, " ") : "";
      return `${index.unique ? "unique " : ""}${covers}${on}`;
    })
    .sort();
  const declared = String(sql.exec("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).one().sql);
  return { columns, indexes, autoincrement: /AUTOINCREMENT/i.test(declared), withoutRowid: /WITHOUT ROWID/i.test(declared) };
}

describe("the benchmark floor's copy of the conversation schema", () => {
  it("has the columns and indexes a ConversationDO creates", async () => {
    const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName("floor-schema"));
    const shapes = await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      new ThreadStore(sql);
      // The floor's tables and indexes beside the app's, renamed so both fit in one database.
      const renamed = ROWS_SCHEMA.replace(/\b(messages|meta|outbox|events|members)\b/g, `${PREFIX}$1`).replace(/(INDEX IF NOT EXISTS )(\w+)/g, `$1${PREFIX}$2`);
      sql.exec(renamed);
      return TABLES.map((table) => ({ table, app: shape(sql, table), floor: shape(sql, PREFIX + table) }));
    });
    for (const { table, app, floor } of shapes) {
      expect({ table, ...floor }).toEqual({ table, ...app });
    }
  });
});
