// D1 reads and writes for webhook subscriptions, always scoped to one
// workspace, each change with its audit entry in the same batch. The signing
// secret is generated here, stored encrypted, and returned only by create and
// rotate (the pages show it once).
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { auditInsert } from "../db/audit";
import { db, schema } from "../db/client";
import { decryptSecret, encryptSecret, randomToken } from "../lib/crypto";
import { newId } from "../lib/ids";
import { decodeCursor, encodeCursor } from "../settings/queries/cursor";
import { stored } from "./stored-text";

const ws = schema.webhookSubscriptions;

export type Subscription = typeof ws.$inferSelect;
export interface SubscriptionInput {
  url: string;
  description: string;
  eventTypes: string[];
}
type Ctx = { workspaceId: string; actorId: string | null };

export const SUBSCRIPTION_PAGE_SIZE = 50;

/** A fresh signing secret: `whsec_` and 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return `whsec_${randomToken(32)}`;
}

/** Newest first, keyset-paged by (created_at, id). */
export async function listSubscriptions(d1: D1Database, workspaceId: string, cursorText?: string, limit = SUBSCRIPTION_PAGE_SIZE) {
  const cursor = decodeCursor(cursorText);
  const at = cursor ? Number(cursor.key) : NaN;
  const rows = await db(d1)
    .select()
    .from(ws)
    .where(and(eq(ws.workspaceId, workspaceId), Number.isFinite(at) && cursor ? or(lt(ws.createdAt, at), and(eq(ws.createdAt, at), lt(ws.id, cursor.id))) : undefined))
    .orderBy(desc(ws.createdAt), desc(ws.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: String(last.createdAt), id: last.id }) : null };
}

/** One subscription of this workspace; another workspace's is as good as missing. */
export async function findSubscription(d1: D1Database, workspaceId: string, id: string): Promise<Subscription | null> {
  return (await db(d1).select().from(ws).where(and(eq(ws.id, id), eq(ws.workspaceId, workspaceId))).get()) ?? null;
}

export async function subscriptionsByIds(d1: D1Database, ids: string[]): Promise<Subscription[]> {
  return ids.length ? db(d1).select().from(ws).where(inArray(ws.id, ids)) : [];
}

export async function signingSecret(appSecret: string, subscription: Pick<Subscription, "secretEnc">): Promise<string> {
  return decryptSecret(appSecret, subscription.secretEnc);
}

export async function createSubscription(d1: D1Database, appSecret: string, ctx: Ctx, input: SubscriptionInput, now = Date.now()) {
  const secret = newSigningSecret();
  const row: Subscription = {
    id: newId("wh", now),
    workspaceId: ctx.workspaceId,
    ...input,
    secretEnc: await encryptSecret(appSecret, secret),
    enabled: 1,
    consecutiveFailures: 0,
    failingSince: null,
    disabledReason: null,
    disabledAt: null,
    disabledBy: null,
    lastAttemptAt: null,
    lastStatusCode: null,
    lastOutcome: null,
    createdBy: ctx.actorId,
    createdAt: now,
    updatedAt: now,
  };
  const d = db(d1);
  await d.batch([d.insert(ws).values(row), audit(d1, ctx, "webhook.created", row.id, { url: row.url, events: row.eventTypes }, now)]);
  forgetSubscriptions(ctx.workspaceId);
  return { subscription: row, secret };
}

export async function updateSubscription(d1: D1Database, ctx: Ctx, sub: Subscription, input: SubscriptionInput, now = Date.now()): Promise<Subscription> {
  const d = db(d1);
  await d.batch([
    d.update(ws).set({ ...input, updatedAt: now }).where(scope(ctx, sub.id)),
    audit(d1, ctx, "webhook.updated", sub.id, { url: input.url, previousUrl: sub.url, events: input.eventTypes }, now),
  ]);
  forgetSubscriptions(ctx.workspaceId);
  return { ...sub, ...input, updatedAt: now };
}

/** Switches delivery on (clearing the failure record) or off by a person. */
export async function setEnabled(d1: D1Database, ctx: Ctx, sub: Subscription, enabled: boolean, now = Date.now()): Promise<Subscription> {
  const changes = enabled
    ? { enabled: 1, consecutiveFailures: 0, failingSince: null, disabledReason: null, disabledAt: null, disabledBy: null, updatedAt: now }
    : { enabled: 0, disabledReason: stored.switchedOffByAdmin(), disabledAt: now, disabledBy: null, updatedAt: now };
  const d = db(d1);
  await d.batch([d.update(ws).set(changes).where(scope(ctx, sub.id)), audit(d1, ctx, enabled ? "webhook.enabled" : "webhook.disabled", sub.id, { url: sub.url }, now)]);
  forgetSubscriptions(ctx.workspaceId);
  return { ...sub, ...changes };
}

/** Replaces the signing secret; returns the new one (shown once). */
export async function rotateSecret(d1: D1Database, appSecret: string, ctx: Ctx, sub: Subscription, now = Date.now()): Promise<string> {
  const secret = newSigningSecret();
  const d = db(d1);
  await d.batch([
    d.update(ws).set({ secretEnc: await encryptSecret(appSecret, secret), updatedAt: now }).where(scope(ctx, sub.id)),
    audit(d1, ctx, "webhook.secret_rotated", sub.id, { url: sub.url }, now),
  ]);
  return secret;
}

/** Deletes the subscription and its delivery log (the audit log keeps the record). */
export async function deleteSubscription(d1: D1Database, ctx: Ctx, sub: Subscription, now = Date.now()): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.delete(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.subscriptionId, sub.id)),
    d.delete(ws).where(scope(ctx, sub.id)),
    audit(d1, ctx, "webhook.deleted", sub.id, { url: sub.url }, now),
  ]);
  forgetSubscriptions(ctx.workspaceId);
}

export function audit(d1: D1Database, ctx: Ctx, action: string, id: string, data: Record<string, unknown>, now: number) {
  return auditInsert(d1, { ...ctx, action, targetType: "webhook_subscription", targetId: id, data }, now);
}

function scope(ctx: Ctx, id: string) {
  return and(eq(ws.id, id), eq(ws.workspaceId, ctx.workspaceId));
}

// --- which subscriptions want an event (the listener asks per event) -------

const CACHE_TTL_MS = 5_000;
const cache = new Map<string, { at: number; value: Promise<Array<{ id: string; eventTypes: string[] }>> }>();

/**
 * Ids of the workspace's enabled subscriptions to `type`. Cached per isolate
 * for a few seconds (every change here clears this isolate's entry; others see
 * it within CACHE_TTL_MS). The dispatcher checks the subscription again before
 * each attempt, so a stale entry never sends to a disabled endpoint.
 */
export async function subscribedTo(d1: D1Database, workspaceId: string, type: string, now = Date.now()): Promise<string[]> {
  let hit = cache.get(workspaceId);
  if (!hit || now - hit.at > CACHE_TTL_MS) {
    const value = db(d1)
      .select({ id: ws.id, eventTypes: ws.eventTypes })
      .from(ws)
      .where(and(eq(ws.workspaceId, workspaceId), eq(ws.enabled, 1)))
      .then((rows) => rows);
    value.catch(() => cache.delete(workspaceId));
    if (cache.size > 1000) cache.clear();
    hit = { at: now, value };
    cache.set(workspaceId, hit);
  }
  return (await hit.value).filter((s) => s.eventTypes.includes(type)).map((s) => s.id);
}

export function forgetSubscriptions(workspaceId: string): void {
  cache.delete(workspaceId);
}
