// The queue of conversations waiting for an agent (D1 automation_queue): a
// conversation joins when its customer starts waiting and leaves when an agent
// answers or it is resolved. Position is the order of waiting_since within the
// channel; the expected wait comes from recent first-response times.
import { and, count, desc, eq, gt, lt, or } from "drizzle-orm";
import { db, schema } from "../db/client";

/** First responses older than this do not describe today's wait. */
const FIRST_RESPONSE_WINDOW_MS = 7 * 86_400_000;
const FIRST_RESPONSE_SAMPLE = 50;
/** Minimum time between two queue messages to one customer. */
export const QUEUE_UPDATE_GAP_MS = 3 * 60_000;

const q = schema.automationQueue;

export interface QueueEntry {
  conversationId: string;
  workspaceId: string;
  channelId: string;
  waitingSince: number;
}

export async function joinQueue(d1: D1Database, entry: QueueEntry): Promise<void> {
  await db(d1).insert(q).values(entry).onConflictDoNothing();
}

export async function leaveQueue(d1: D1Database, conversationId: string): Promise<void> {
  await db(d1).delete(q).where(eq(q.conversationId, conversationId));
}

export async function queueRow(d1: D1Database, conversationId: string) {
  return db(d1).select().from(q).where(eq(q.conversationId, conversationId)).get();
}

/** 1-based place in the channel's queue (earlier waiting_since first, id breaks ties). */
export async function queuePosition(d1: D1Database, entry: Pick<QueueEntry, "channelId" | "waitingSince" | "conversationId">): Promise<number> {
  const ahead = await db(d1)
    .select({ n: count() })
    .from(q)
    .where(and(eq(q.channelId, entry.channelId), or(lt(q.waitingSince, entry.waitingSince), and(eq(q.waitingSince, entry.waitingSince), lt(q.conversationId, entry.conversationId)))))
    .get();
  return (ahead?.n ?? 0) + 1;
}

export async function recordQueueMessage(d1: D1Database, conversationId: string, sent: { position: number; waitMs: number | null; at: number; countsAsUpdate: boolean }): Promise<void> {
  const row = await queueRow(d1, conversationId);
  if (!row) return;
  await db(d1)
    .update(q)
    .set({ lastPosition: sent.position, lastWaitMs: sent.waitMs, lastSentAt: sent.at, lastAutomationAt: sent.at, updatesSent: row.updatesSent + (sent.countsAsUpdate ? 1 : 0) })
    .where(eq(q.conversationId, conversationId));
}

/** Another automated message went out: index activity up to this time is ours, not an agent's. */
export async function noteAutomationActivity(d1: D1Database, conversationId: string, at: number): Promise<void> {
  await db(d1).update(q).set({ lastAutomationAt: at }).where(eq(q.conversationId, conversationId));
}

export async function agentsOnline(d1: D1Database, workspaceId: string): Promise<number> {
  const u = schema.users;
  const row = await db(d1)
    .select({ n: count() })
    .from(u)
    .where(and(eq(u.workspaceId, workspaceId), eq(u.active, 1), eq(u.availability, "online")))
    .get();
  return row?.n ?? 0;
}

/** Median of the channel's recent first-response times, or null without data. */
export async function typicalFirstResponse(d1: D1Database, channelId: string, now: number): Promise<number | null> {
  const e = schema.reportingEvents;
  const rows = await db(d1)
    .select({ v: e.valueMs })
    .from(e)
    .where(and(eq(e.channelId, channelId), eq(e.kind, "first_response"), gt(e.createdAt, now - FIRST_RESPONSE_WINDOW_MS)))
    .orderBy(desc(e.createdAt))
    .limit(FIRST_RESPONSE_SAMPLE)
    .all();
  const values = rows.map((r) => r.v ?? 0).sort((a, b) => a - b);
  if (!values.length) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? (values[mid] as number) : Math.round(((values[mid - 1] as number) + (values[mid] as number)) / 2);
}

/**
 * Expected wait for a place in the queue: the typical first response for each
 * round of customers the online agents take in turn (position ÷ agents, rounded up).
 */
export function expectedWait(position: number, typicalMs: number | null, agents: number): number | null {
  if (typicalMs === null) return null;
  return typicalMs * Math.ceil(position / Math.max(1, agents));
}

/**
 * Worth telling the customer again: they moved up noticeably (2 places or 30 %),
 * they are next, or the expected wait moved by 5 minutes or 30 %.
 */
export function materialChange(prev: { position: number | null; waitMs: number | null }, next: { position: number; waitMs: number | null }): boolean {
  if (prev.position === null) return true;
  const moved = Math.abs(prev.position - next.position);
  if (moved >= Math.max(2, Math.ceil(prev.position * 0.3))) return true;
  if (next.position === 1 && prev.position > 1) return true;
  if (prev.waitMs !== null && next.waitMs !== null) {
    const delta = Math.abs(prev.waitMs - next.waitMs);
    if (delta >= Math.max(5 * 60_000, prev.waitMs * 0.3)) return true;
  }
  return false;
}
