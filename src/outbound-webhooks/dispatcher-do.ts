// WebhookDispatcherDO: one per workspace, the durable queue of its outbound
// webhook deliveries. A delivery (one event for one subscription) is stored
// before anything is sent and worked from the alarm: signed POST, logged in
// D1, retried on the schedule in policy.ts until it succeeds or runs out of
// attempts. Cross-conversation work like this lives at workspace level (per
// ARCHITECTURE.md); conversations hand events over from their own outbox.
// Events stay here for RETENTION_MS so an admin can redeliver them.
import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";
import { newId } from "../lib/ids";
import { attemptDelivery } from "./attempt";
import { pingPayload, type WebhookPayload } from "./catalog";
import { pruneDeliveries } from "./deliveries";
import { type AttemptInfo, recordAttempt, recordCancelled, type RecordedAttempt } from "./outcome";
import { RETENTION_MS } from "./policy";
import { findSubscription, signingSecret, type Subscription, subscriptionsByIds } from "./subscriptions";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  subscription_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, event_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Deliveries one alarm run works through, and how many requests are in flight at once (Workers allow 6 open connections). */
const BATCH = 30;
const CONCURRENCY = 6;
const PRUNE_EVERY_MS = 60 * 60_000;
/** After an unexpected error (D1 unavailable), the same attempt is tried again this much later. */
const ERROR_RETRY_MS = 60_000;

/** What a person sees after "Send test event" or "Redeliver". */
export type ManualAttempt = Pick<RecordedAttempt, "outcome" | "result" | "deliveryId"> & { eventId: string };

interface Due {
  subscriptionId: string;
  eventId: string;
  attempts: number;
}

export class WebhookDispatcherDO extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** Queues `payload` for these subscriptions; idempotent per (subscription, event). Returns how many were new. */
  async enqueue(payload: WebhookPayload, subscriptionIds: string[]): Promise<number> {
    const now = Date.now();
    let queued = 0;
    this.ctx.storage.transactionSync(() => {
      this.storeEvent(payload, now);
      for (const id of subscriptionIds) {
        queued += this.sql.exec(
          "INSERT OR IGNORE INTO deliveries (subscription_id, event_id, state, attempts, next_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)",
          id,
          payload.id,
          now,
          now,
        ).rowsWritten;
      }
    });
    await this.schedule();
    return queued;
  }

  /** Sends a `ping` event now: one attempt, logged, not retried. Null when the subscription is not this workspace's. */
  async ping(workspaceId: string, subscriptionId: string): Promise<ManualAttempt | null> {
    const sub = await findSubscription(this.env.DB, workspaceId, subscriptionId);
    if (!sub) return null;
    const now = Date.now();
    const payload = pingPayload(newId("evt", now), workspaceId, sub.id, now);
    this.storeEvent(payload, now);
    return this.attemptNow(sub, payload.id, "test");
  }

  /** Sends a stored event again now (one attempt, same event id). Null when the event is no longer kept. */
  async redeliver(workspaceId: string, subscriptionId: string, eventId: string): Promise<ManualAttempt | null> {
    const sub = await findSubscription(this.env.DB, workspaceId, subscriptionId);
    if (!sub || !this.event(eventId)) return null;
    return this.attemptNow(sub, eventId, "redelivery");
  }

  /** Drops the subscription's waiting deliveries (it was switched off or deleted). */
  async cancel(subscriptionId: string): Promise<number> {
    return this.sql.exec("UPDATE deliveries SET state = 'done', updated_at = ? WHERE subscription_id = ? AND state = 'pending'", Date.now(), subscriptionId).rowsWritten;
  }

  /** Deliveries waiting for their next attempt. */
  async pending(subscriptionId: string): Promise<number> {
    return Number(this.sql.exec("SELECT COUNT(*) AS n FROM deliveries WHERE subscription_id = ? AND state = 'pending'", subscriptionId).one().n);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const due = this.sql
      .exec("SELECT subscription_id, event_id, attempts FROM deliveries WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?", now, BATCH)
      .toArray()
      .map((r): Due => ({ subscriptionId: String(r.subscription_id), eventId: String(r.event_id), attempts: Number(r.attempts) }));
    if (due.length) {
      const subs = new Map((await subscriptionsByIds(this.env.DB, [...new Set(due.map((d) => d.subscriptionId))])).map((s) => [s.id, s]));
      await inPool(due, CONCURRENCY, (d) => this.deliver(d, subs.get(d.subscriptionId)));
    }
    await this.prune(now);
    await this.schedule();
  }

  private async deliver(due: Due, sub: Subscription | undefined): Promise<void> {
    const event = this.event(due.eventId);
    if (!sub || !event) return this.finish(due, due.attempts);
    const info: AttemptInfo = { eventId: due.eventId, eventType: event.type, attempt: due.attempts + 1, trigger: "auto" };
    try {
      if (!sub.enabled) {
        await recordCancelled(this.env.DB, sub, info);
        return this.finish(due, due.attempts);
      }
      const result = await attemptDelivery(sub.url, await signingSecret(this.env.APP_SECRET, sub), event, event.body);
      const recorded = await recordAttempt(this.env, sub, info, result);
      if (recorded.retryAt !== null) {
        this.sql.exec("UPDATE deliveries SET attempts = ?, next_at = ?, updated_at = ? WHERE subscription_id = ? AND event_id = ?", info.attempt, recorded.retryAt, Date.now(), sub.id, due.eventId);
      } else {
        this.finish(due, info.attempt);
      }
      if (recorded.disabled) await this.cancel(sub.id);
    } catch (error) {
      console.warn("outbound webhook: attempt not recorded, will try again", { subscription: sub.id, event: due.eventId, reason: error instanceof Error ? error.message : String(error) });
      this.sql.exec("UPDATE deliveries SET next_at = ? WHERE subscription_id = ? AND event_id = ?", Date.now() + ERROR_RETRY_MS, sub.id, due.eventId);
    }
  }

  private async attemptNow(sub: Subscription, eventId: string, trigger: "test" | "redelivery"): Promise<ManualAttempt | null> {
    const event = this.event(eventId);
    if (!event) return null;
    const result = await attemptDelivery(sub.url, await signingSecret(this.env.APP_SECRET, sub), event, event.body);
    const recorded = await recordAttempt(this.env, sub, { eventId, eventType: event.type, attempt: 1, trigger }, result);
    if (recorded.disabled) await this.cancel(sub.id);
    // The endpoint has the event now: a retry still waiting for it would only send it twice.
    if (recorded.outcome === "delivered") {
      this.sql.exec("UPDATE deliveries SET state = 'done', updated_at = ? WHERE subscription_id = ? AND event_id = ? AND state = 'pending'", Date.now(), sub.id, eventId);
    }
    return { eventId, outcome: recorded.outcome, result: recorded.result, deliveryId: recorded.deliveryId };
  }

  private finish(due: Due, attempts: number): void {
    this.sql.exec("UPDATE deliveries SET state = 'done', attempts = ?, updated_at = ? WHERE subscription_id = ? AND event_id = ?", attempts, Date.now(), due.subscriptionId, due.eventId);
  }

  private storeEvent(payload: WebhookPayload, now: number): void {
    this.sql.exec("INSERT OR IGNORE INTO events (id, type, body, created_at) VALUES (?, ?, ?, ?)", payload.id, payload.type, JSON.stringify(payload), now);
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('workspaceId', ?) ON CONFLICT(key) DO NOTHING", payload.workspaceId);
  }

  private event(id: string): { id: string; type: WebhookPayload["type"]; body: string } | null {
    const row = this.sql.exec("SELECT id, type, body FROM events WHERE id = ?", id).toArray()[0];
    return row ? { id: String(row.id), type: String(row.type) as WebhookPayload["type"], body: String(row.body) } : null;
  }

  private async schedule(): Promise<void> {
    const row = this.sql.exec("SELECT MIN(next_at) AS at FROM deliveries WHERE state = 'pending'").one();
    if (row.at === null) return;
    const next = Math.max(Number(row.at), Date.now());
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  /** At most hourly: forgets finished deliveries and events past retention, here and in the D1 log. */
  private async prune(now: number): Promise<void> {
    const meta = (key: string) => this.sql.exec("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
    if (now - Number(meta("prunedAt") ?? 0) < PRUNE_EVERY_MS) return;
    const before = now - RETENTION_MS;
    this.sql.exec("DELETE FROM deliveries WHERE state = 'done' AND updated_at < ?", before);
    this.sql.exec("DELETE FROM events WHERE created_at < ? AND id NOT IN (SELECT event_id FROM deliveries)", before);
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('prunedAt', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", String(now));
    const workspaceId = meta("workspaceId");
    if (workspaceId) await pruneDeliveries(this.env.DB, String(workspaceId), before).catch((e: unknown) => console.warn("outbound webhook: log prune failed", e instanceof Error ? e.message : e));
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function dispatcherFor(env: Pick<Bindings, "WEBHOOK_DISPATCHERS">, workspaceId: string) {
  return env.WEBHOOK_DISPATCHERS.get(env.WEBHOOK_DISPATCHERS.idFromName(workspaceId));
}
