// IngestSpoolDO: the durable landing spot for webhook bodies that touch many
// conversations at once (a redelivery burst, a broadcast's replies). Handing a
// 1,000-event body to 1,000 ConversationDOs before answering would keep LINE
// waiting far past its 2 s; instead the body is stored here in ONE transaction —
// an acknowledged event is still never lost — and handed to its conversations
// from this object's alarm, a bounded number at a time, retried with backoff.
//
// One spool per channel (idFromName(channel row id)). Small bodies (the usual
// case) skip it and go straight to their conversations (src/webhooks/handoff.ts).
// Ordering note: a conversation's events inside a spooled body can land a moment
// after a later, directly handled body for the same conversation; ConversationDO
// dedupes by webhookEventId either way, so nothing is lost or doubled.
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import { forEachBounded } from "../lib/bounded";
import type { IngestInput } from "./inbound";

/** Conversations handed over at once from the alarm. */
export const SPOOL_CONCURRENCY = 16;
/** Rows per alarm run; the alarm re-arms at once while rows remain. */
const BATCH = 200;

export interface SpoolEntry {
  /** The conversation's Durable Object name (conversationKeyName). */
  name: string;
  input: IngestInput;
}

export class IngestSpoolDO extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS spool (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      input TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      last_error TEXT
    )`);
  }

  /** Stores every entry durably (one transaction) and arms the alarm; resolves once stored. */
  async accept(entries: SpoolEntry[]): Promise<number> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (const e of entries) this.sql.exec("INSERT INTO spool (name, input, next_at) VALUES (?, ?, ?)", e.name, JSON.stringify(e.input), now);
    });
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > now) await this.ctx.storage.setAlarm(now);
    return entries.length;
  }

  /** Entries not yet handed over (for tests and diagnostics). */
  async pending(): Promise<number> {
    return Number(this.sql.exec("SELECT COUNT(*) AS n FROM spool").one().n);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const rows = this.sql.exec("SELECT id, name, input, attempts FROM spool WHERE next_at <= ? ORDER BY id LIMIT ?", now, BATCH).toArray();
    await forEachBounded(rows, SPOOL_CONCURRENCY, async (row) => {
      const id = Number(row.id);
      try {
        const ns = this.env.CONVERSATIONS;
        await ns.get(ns.idFromName(String(row.name))).ingest(JSON.parse(String(row.input)) as IngestInput);
        this.sql.exec("DELETE FROM spool WHERE id = ?", id);
      } catch (error) {
        const attempts = Number(row.attempts) + 1;
        const reason = error instanceof Error ? error.message : String(error);
        console.warn("ingest spool: hand-off failed, will retry", { conversation: String(row.name), attempts, reason });
        this.sql.exec("UPDATE spool SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?", attempts, now + Math.min(2 ** attempts * 1000, 5 * 60_000), reason, id);
      }
    });
    const next = this.sql.exec("SELECT MIN(next_at) AS at FROM spool").one().at;
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(Number(next), Date.now()));
  }
}
