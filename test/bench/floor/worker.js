// The benchmark's "floor": the least a Worker can do for a LINE webhook, layer by layer,
// run by the same `wrangler dev` as linedesk. It tells what the runtime and the dev
// tooling cost before any application code: the path picks how far it goes.
//   POST /hello   answer 200 at once (runtime + wrangler dev only)
//   POST /verify  + read the body and check x-line-signature (crypto.subtle.verify)
//   POST /rpc     + parse, and one Durable Object RPC per conversation that does nothing
//   POST /store   + the DO inserts the events into its SQLite storage (durable ack)
//   POST /rows    + the DO writes, per event, the rows linedesk writes for a customer's
//                 message (a copy of its tables from src/conversations/store-schema.ts):
//                 the message row with its indexes, its domain event, three
//                 meta keys, all in one transactionSync. The gap between
//                 /store and /rows is the durable work linedesk's schema costs; the gap
//                 between /rows and linedesk is its own code (README, "Issue 12").
//   POST /index   /store, then one D1 statement per conversation: an index row upserted, as
//                 linedesk's after-ack work writes the inbox list's row. The gap between
//                 /store and /index is what one D1 round trip costs on this runtime
//                 (locally D1 runs in the same workerd process, so its CPU counts here).
import { DurableObject } from "cloudflare:workers";
import { ROWS_SCHEMA } from "./rows-schema.js";

const encoder = new TextEncoder();

let keyPromise;
let indexReady;

const INDEX_TABLE = "CREATE TABLE IF NOT EXISTS floor_index (conversation_key TEXT PRIMARY KEY, last_event_id TEXT NOT NULL, last_activity_at INTEGER NOT NULL, received INTEGER NOT NULL)";
const INDEX_UPSERT = `INSERT INTO floor_index (conversation_key, last_event_id, last_activity_at, received) VALUES (?, ?, ?, ?)
  ON CONFLICT (conversation_key) DO UPDATE SET last_event_id = excluded.last_event_id, last_activity_at = excluded.last_activity_at, received = received + excluded.received`;

function hmacKey(secret) {
  keyPromise ??= crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return keyPromise;
}

function fromBase64(text) {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array(0);
  }
}

export class FloorConversation extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS received (webhook_event_id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL)");
  }

  /** /rows: what linedesk stores for each customer message (see the header). */
  ingestRows(events) {
    const sql = this.ctx.storage.sql;
    if (!this.rowsReady) {
      sql.exec(ROWS_SCHEMA);
      this.rowsReady = true;
    }
    return this.ctx.storage.transactionSync(() => {
      let stored = 0;
      for (const e of events) {
        const now = Date.now();
        const id = `msg_${e.webhookEventId}`;
        const body = JSON.stringify({ type: e.message?.type ?? e.type, text: e.message?.text ?? "" });
        const row = sql
          .exec(
            `INSERT INTO messages (id, webhook_event_id, line_message_id, direction, body, sender_line_user_id, status, mark_as_read_token, quote_token, created_at)
             VALUES (?, ?, ?, 'inbound', ?, ?, 'received', ?, ?, ?) ON CONFLICT(webhook_event_id) DO NOTHING
             RETURNING seq, (SELECT display_name FROM members WHERE line_user_id = sender_line_user_id) AS sender_name`,
            id, e.webhookEventId, e.message?.id ?? null, body, e.source?.userId ?? null, e.message?.markAsReadToken ?? null, e.message?.quoteToken ?? null, e.timestamp,
          )
          .toArray()[0];
        if (!row) continue;
        stored++;
        const event = { id: `evt_${e.webhookEventId}`, type: "message.received", at: e.timestamp, data: { message: { id, seq: row.seq, body } } };
        sql.exec("INSERT INTO events (payload, next_at) VALUES (?, ?)", JSON.stringify({ event, done: [] }), now);
        sql.exec(
          "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          "replyToken", JSON.stringify({ token: e.replyToken ?? null, receivedAt: now, used: false }),
          "unread", String(row.seq),
          "lastCustomerMessageAt", String(e.timestamp),
        );
      }
      return { stored };
    });
  }

  noop() {
    return { stored: 0 };
  }

  ingest(events) {
    let stored = 0;
    for (const e of events) {
      stored += this.ctx.storage.sql.exec("INSERT OR IGNORE INTO received VALUES (?, ?, ?)", e.webhookEventId, JSON.stringify(e), Date.now()).rowsWritten;
    }
    return { stored };
  }
}

/** One upsert per conversation of the body (its last event), the table made on first use. */
async function writeIndexRows(db, groups) {
  indexReady ??= db.prepare(INDEX_TABLE).run();
  await indexReady;
  await Promise.all(
    [...groups].map(([key, group]) => {
      const last = group[group.length - 1];
      return db.prepare(INDEX_UPSERT).bind(key, last.webhookEventId, last.timestamp, group.length).run();
    }),
  );
}

export default {
  async fetch(request, env, ctx) {
    const mode = new URL(request.url).pathname.slice(1);
    if (request.method !== "POST") return new Response("floor worker\n");
    if (mode === "hello") return new Response(null, { status: 200 });
    const body = await request.arrayBuffer();
    const ok = await crypto.subtle.verify("HMAC", await hmacKey(env.SECRET), fromBase64(request.headers.get("x-line-signature") ?? ""), body);
    if (!ok) return new Response("bad signature\n", { status: 401 });
    if (mode === "verify") return new Response(null, { status: 200 });
    const { events } = JSON.parse(new TextDecoder().decode(body));
    const groups = new Map();
    for (const e of events) {
      const key = e.source?.userId ?? e.source?.groupId ?? e.source?.roomId ?? "channel";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    await Promise.all(
      [...groups].map(([key, group]) => {
        const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(key));
        return mode === "rpc" ? stub.noop() : mode === "rows" ? stub.ingestRows(group) : stub.ingest(group);
      }),
    );
    // After the ack, as linedesk's index write: the answer does not wait for D1.
    if (mode === "index") ctx.waitUntil(writeIndexRows(env.DB, groups));
    return Response.json({ ok: true });
  },
};
