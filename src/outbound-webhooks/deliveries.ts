// The delivery log in D1: one row per attempt, newest first per subscription
// (keyset-paged), and the retention sweep.
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { db, schema } from "../db/client";
import { decodeCursor, encodeCursor } from "../settings/queries/cursor";

const wd = schema.webhookDeliveries;

export type DeliveryAttempt = typeof wd.$inferSelect;
export type DeliveryOutcome = DeliveryAttempt["outcome"];
export type DeliveryTrigger = DeliveryAttempt["trigger"];

export const DELIVERY_PAGE_SIZE = 25;

export async function listDeliveries(d1: D1Database, subscriptionId: string, cursorText?: string, limit = DELIVERY_PAGE_SIZE) {
  const cursor = decodeCursor(cursorText);
  const at = cursor ? Number(cursor.key) : NaN;
  const rows = await db(d1)
    .select()
    .from(wd)
    .where(and(eq(wd.subscriptionId, subscriptionId), Number.isFinite(at) && cursor ? or(lt(wd.createdAt, at), and(eq(wd.createdAt, at), lt(wd.id, cursor.id))) : undefined))
    .orderBy(desc(wd.createdAt), desc(wd.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: String(last.createdAt), id: last.id }) : null };
}

export async function findDelivery(d1: D1Database, subscriptionId: string, id: string): Promise<DeliveryAttempt | null> {
  return (await db(d1).select().from(wd).where(and(eq(wd.id, id), eq(wd.subscriptionId, subscriptionId))).get()) ?? null;
}

/** Drops attempts older than `before` for the workspace's subscriptions. */
export async function pruneDeliveries(d1: D1Database, workspaceId: string, before: number): Promise<void> {
  const subs = db(d1).select({ id: schema.webhookSubscriptions.id }).from(schema.webhookSubscriptions).where(eq(schema.webhookSubscriptions.workspaceId, workspaceId));
  await db(d1).delete(wd).where(and(inArray(wd.subscriptionId, subs), lt(wd.createdAt, before)));
}
