// The push queue in D1: a push is queued per device (idempotent by cause and
// device, so a retried domain-event listener never pushes twice), sent at once
// — after the webhook's ack, from the listener or waitUntil — and retried by the
// every-minute cron (scheduler) after 429/5xx with backoff until its TTL ends.
// 404/410 remove the subscription; ten failures in a row with no success do too.
import { and, eq, inArray, lt, lte, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Bindings } from "../env";
import { db, schema } from "../db/client";
import { forEachBounded } from "../lib/bounded";
import { sha256Hex } from "../lib/crypto";
import { withLocale } from "../ui/i18n";
import type { NotificationPayload, PushCategory } from "./content";
import type { PushRecipient } from "./recipients";
import { type PushOutcome, sendPush, type Urgency } from "./send";
import { vapidKeys } from "./vapid";

type PushEnv = Pick<Bindings, "DB" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">;

export interface PushPlan {
  /** What caused it (an event id, a notification id): with the device, the push's identity. */
  cause: string;
  category: PushCategory;
  urgency: Urgency;
  /** How long the notification is worth delivering. */
  ttlSeconds: number;
  /** Collapses undelivered pushes about the same thing at the push service (≤ 32 base64url chars). */
  topic: string | null;
  /** Renders the notification for one device; called inside that person's locale context. */
  render(recipient: PushRecipient): NotificationPayload;
}

/** Waits after the 1st, 2nd, … failed attempt (a Retry-After answer may ask for longer). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A subscription that failed this many times in a row, never succeeding in between, is removed. */
export const MAX_FAILURES_IN_A_ROW = 10;
/** While one sender holds a push, no other picks it up. */
const CLAIM_MS = 60_000;
const PURGE_AFTER_MS = 24 * 60 * 60_000;

/** A topic from any key: 32 base64url characters of its hash. */
export async function topicFor(key: string): Promise<string> {
  return (await sha256Hex(key)).slice(0, 32);
}

/** True when the Worker has VAPID keys, i.e. pushes can be sent at all. */
export function pushConfigured(env: PushEnv): boolean {
  return vapidKeys(env) !== null;
}

/** Queues one push per recipient (each rendered in that person's language); returns the queued ids. */
export async function queuePushes(d1: D1Database, plan: PushPlan, recipients: PushRecipient[], now = Date.now()): Promise<string[]> {
  if (!recipients.length) return [];
  const rows = await Promise.all(
    recipients.map(async (r) => ({
      id: `pd_${(await sha256Hex(`${plan.cause}|${r.subscriptionId}`)).slice(0, 32)}`,
      workspaceId: r.workspaceId,
      userId: r.userId,
      subscriptionId: r.subscriptionId,
      category: plan.category,
      payload: JSON.stringify(withLocale({ locale: r.locale, timeZone: r.timeZone }, () => plan.render(r))),
      topic: plan.topic,
      urgency: plan.urgency,
      nextAttemptAt: now,
      expiresAt: now + plan.ttlSeconds * 1000,
      createdAt: now,
    })),
  );
  const d = db(d1);
  const inserts: BatchItem<"sqlite">[] = rows.map((row) => d.insert(schema.pushDeliveries).values(row).onConflictDoNothing());
  await d.batch(inserts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return rows.map((r) => r.id);
}

/** How a batch of pushes went: sent, waiting for a retry, given up, or devices removed (404/410). */
export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  removed: number;
}

/** Queues and sends at once. Use after the ack (a listener, waitUntil) or for the test button: it waits for the push services. */
export async function pushNow(env: PushEnv, plan: PushPlan, recipients: PushRecipient[], now = Date.now()): Promise<DeliverySummary> {
  if (!recipients.length || !pushConfigured(env)) return { sent: 0, retrying: 0, failed: 0, removed: 0 };
  const ids = await queuePushes(env.DB, plan, recipients, now);
  return deliver(env, ids, now);
}

/** Sends the given queued pushes that are due (6 at a time). Never throws for a push service's answer. */
export async function deliver(env: PushEnv, ids: string[], now = Date.now()): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, removed: 0 };
  await forEachBounded(ids, 6, async (id) => {
    const result = await deliverOne(env, id, now);
    if (result) summary[result]++;
  });
  return summary;
}

/** The cron job: retries what is due and purges finished rows older than a day. */
export async function retryDuePushes(env: PushEnv, now = Date.now()): Promise<number> {
  const d = db(env.DB);
  const q = schema.pushDeliveries;
  await d.delete(q).where(or(and(ne(q.state, "pending"), lt(q.createdAt, now - PURGE_AFTER_MS)), and(eq(q.state, "pending"), lt(q.expiresAt, now - PURGE_AFTER_MS))));
  if (!pushConfigured(env)) return 0;
  const due = await d
    .select({ id: q.id })
    .from(q)
    .where(and(eq(q.state, "pending"), lte(q.nextAttemptAt, now)))
    .orderBy(q.nextAttemptAt)
    .limit(100)
    .all();
  const summary = await deliver(env, due.map((r) => r.id), now);
  return summary.sent;
}

async function deliverOne(env: PushEnv, id: string, now: number): Promise<keyof DeliverySummary | null> {
  const d = db(env.DB);
  const q = schema.pushDeliveries;
  // Claim it, so the cron and a listener never send the same push together.
  const claimed = await d
    .update(q)
    .set({ nextAttemptAt: now + CLAIM_MS })
    .where(and(eq(q.id, id), eq(q.state, "pending"), lte(q.nextAttemptAt, now)))
    .returning({ payload: q.payload, attempts: q.attempts, expiresAt: q.expiresAt, topic: q.topic, urgency: q.urgency, subscriptionId: q.subscriptionId })
    .get();
  if (!claimed) return null;
  const s = schema.pushSubscriptions;
  const sub = await d.select({ endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth }).from(s).where(eq(s.id, claimed.subscriptionId)).get();
  const keys = vapidKeys(env);
  if (!sub || !keys || !claimed.payload || claimed.expiresAt <= now) {
    await finish(env.DB, id, "dropped", null);
    return "failed";
  }
  const outcome = await sendPush(await keys, { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, claimed.payload, {
    ttl: Math.ceil((claimed.expiresAt - now) / 1000),
    urgency: claimed.urgency,
    topic: claimed.topic,
    now,
  });
  return record(env.DB, id, claimed.subscriptionId, claimed.attempts + 1, claimed.expiresAt, outcome, now);
}

async function finish(d1: D1Database, id: string, state: "sent" | "dropped", status: number | null): Promise<void> {
  const q = schema.pushDeliveries;
  await db(d1).update(q).set({ state, payload: null, lastStatus: status }).where(eq(q.id, id));
}

async function record(d1: D1Database, id: string, subscriptionId: string, attempts: number, expiresAt: number, outcome: PushOutcome, now: number): Promise<keyof DeliverySummary> {
  const d = db(d1);
  const q = schema.pushDeliveries;
  const s = schema.pushSubscriptions;
  if (outcome.kind === "sent") {
    await d.batch([
      d.update(q).set({ state: "sent", payload: null, attempts, lastStatus: outcome.status }).where(eq(q.id, id)),
      d.update(s).set({ lastSuccessAt: now, failures: 0 }).where(eq(s.id, subscriptionId)),
    ]);
    return "sent";
  }
  if (outcome.kind === "gone") {
    await removeSubscriptions(d1, [subscriptionId]);
    return "removed";
  }
  const next = outcome.kind === "retry" ? now + Math.max(RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 0, Math.min(outcome.retryAfterMs ?? 0, 60 * 60_000)) : null;
  const giveUp = next === null || attempts >= MAX_ATTEMPTS || next >= expiresAt;
  await d.batch([
    giveUp
      ? d.update(q).set({ state: "dropped", payload: null, attempts, lastStatus: outcome.status }).where(eq(q.id, id))
      : d.update(q).set({ attempts, nextAttemptAt: next, lastStatus: outcome.status }).where(eq(q.id, id)),
    d.update(s).set({ failures: sql`${s.failures} + 1`, lastFailureAt: now }).where(eq(s.id, subscriptionId)),
  ]);
  if (outcome.kind === "failed") console.warn("push failed", { subscriptionId, status: outcome.status, reason: outcome.reason });
  // A device that keeps failing (e.g. after the VAPID keys changed) is let go.
  const row = await d.select({ failures: s.failures }).from(s).where(eq(s.id, subscriptionId)).get();
  if (row && row.failures >= MAX_FAILURES_IN_A_ROW) {
    await removeSubscriptions(d1, [subscriptionId]);
    return "removed";
  }
  return giveUp ? "failed" : "retrying";
}

/** Deletes subscriptions and drops what was still queued for them. */
export async function removeSubscriptions(d1: D1Database, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const d = db(d1);
  const q = schema.pushDeliveries;
  await d.batch([
    d.update(q).set({ state: "dropped", payload: null }).where(and(inArray(q.subscriptionId, ids), eq(q.state, "pending"))),
    d.delete(schema.pushSubscriptions).where(inArray(schema.pushSubscriptions.id, ids)),
  ]);
}
