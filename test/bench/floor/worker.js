// The benchmark's "floor": the least a Worker can do for a LINE webhook, layer by layer,
// run by the same `wrangler dev` as linedesk. It tells what the runtime and the dev
// tooling cost before any application code: the path picks how far it goes.
//   POST /hello   answer 200 at once (runtime + wrangler dev only)
//   POST /verify  + read the body and check x-line-signature (crypto.subtle.verify)
//   POST /rpc     + parse, and one Durable Object RPC per conversation that does nothing
//   POST /store   + the DO inserts the events into its SQLite storage (durable ack)
import { DurableObject } from "cloudflare:workers";

const encoder = new TextEncoder();
let keyPromise;

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
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS events (webhook_event_id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL)");
  }

  noop() {
    return { stored: 0 };
  }

  ingest(events) {
    let stored = 0;
    for (const e of events) {
      stored += this.ctx.storage.sql.exec("INSERT OR IGNORE INTO events VALUES (?, ?, ?)", e.webhookEventId, JSON.stringify(e), Date.now()).rowsWritten;
    }
    return { stored };
  }
}

export default {
  async fetch(request, env) {
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
        return mode === "rpc" ? stub.noop() : stub.ingest(group);
      }),
    );
    return Response.json({ ok: true });
  },
};
