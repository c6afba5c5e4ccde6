// D1 reads and writes behind assignment: a team's people with their
// availability and open counts, whether a channel is inside its business hours,
// and the team queue (assignment_queue) of conversations waiting for an agent.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { isOpenAt } from "../automation/hours";
import { loadChannelAutomation, scheduleOf } from "../automation/settings";
import { db, schema } from "../db/client";
import type { Availability } from "../ui/availability";
import { chunked } from "../db/bind-limit";

const u = schema.users;
const tm = schema.teamMembers;
const c = schema.conversations;
const q = schema.assignmentQueue;

export interface TeamAgent {
  id: string;
  name: string;
  availability: Availability;
  /** Open or follow-up conversations assigned to them (any team). */
  open: number;
}

/** The team's active members with availability and open counts, A→Z. */
export async function teamAgents(d1: D1Database, workspaceId: string, teamId: string): Promise<TeamAgent[]> {
  const d = db(d1);
  const people = await d
    .select({ id: u.id, name: u.name, availability: u.availability })
    .from(tm)
    .innerJoin(u, eq(u.id, tm.userId))
    .where(and(eq(tm.teamId, teamId), eq(u.workspaceId, workspaceId), eq(u.active, 1)))
    .orderBy(sql`${u.name} collate nocase`, asc(u.id))
    .all();
  if (!people.length) return [];
  const counts = new Map<string, number>();
  for (const part of chunked(people)) {
    const rows = await d
      .select({ id: c.assigneeId, n: count() })
      .from(c)
      .where(and(eq(c.workspaceId, workspaceId), inArray(c.assigneeId, part.map((p) => p.id)), inArray(c.status, ["open", "follow_up"])))
      .groupBy(c.assigneeId)
      .all();
    for (const r of rows) if (r.id) counts.set(r.id, r.n);
  }
  return people.map((p) => ({ ...p, open: counts.get(p.id) ?? 0 }));
}

/** Inside the channel's business hours now (a channel without automation settings is always open). */
export async function channelOpen(d1: D1Database, channelId: string, now: number): Promise<boolean> {
  const config = await loadChannelAutomation(d1, channelId, now);
  return config === null || isOpenAt(scheduleOf(config.settings, config.holidays), now);
}

export async function teamName(d1: D1Database, workspaceId: string, teamId: string): Promise<string | null> {
  const row = await db(d1)
    .select({ name: schema.teams.name })
    .from(schema.teams)
    .where(and(eq(schema.teams.id, teamId), eq(schema.teams.workspaceId, workspaceId)))
    .get();
  return row?.name ?? null;
}

/** The conversation's channel from the index (null before its first index write). */
export async function conversationChannel(d1: D1Database, conversationId: string): Promise<string | null> {
  const row = await db(d1).select({ channelId: c.channelId }).from(c).where(eq(c.id, conversationId)).get();
  return row?.channelId ?? null;
}

export type QueueRow = typeof q.$inferSelect;

/** Puts a conversation in its team's queue, keeping its place if it already waits there. */
export async function enqueue(d1: D1Database, row: Omit<QueueRow, "excludedUserId"> & { excludedUserId?: string | null }): Promise<void> {
  await db(d1)
    .insert(q)
    .values({ ...row, excludedUserId: row.excludedUserId ?? null })
    .onConflictDoUpdate({
      target: q.conversationId,
      // Moved to another team: the wait starts again there.
      set: { teamId: row.teamId, channelId: row.channelId, excludedUserId: sql`coalesce(excluded.excluded_user_id, ${q.excludedUserId})`, waitingSince: sql`case when ${q.teamId} = excluded.team_id then ${q.waitingSince} else excluded.waiting_since end` },
    });
}

export async function dequeue(d1: D1Database, conversationId: string): Promise<void> {
  await db(d1).delete(q).where(eq(q.conversationId, conversationId));
}

/** The oldest waiting conversations of a team. */
export async function waiting(d1: D1Database, workspaceId: string, teamId: string, limit: number): Promise<QueueRow[]> {
  return db(d1).select().from(q).where(and(eq(q.workspaceId, workspaceId), eq(q.teamId, teamId))).orderBy(asc(q.waitingSince), asc(q.conversationId)).limit(limit).all();
}

/** Teams of the workspace with someone waiting (optionally only those `userId` belongs to). */
export async function teamsWithQueue(d1: D1Database, workspaceId: string, userId?: string): Promise<string[]> {
  const d = db(d1);
  const rows = userId
    ? await d.selectDistinct({ teamId: q.teamId }).from(q).innerJoin(tm, and(eq(tm.teamId, q.teamId), eq(tm.userId, userId))).where(eq(q.workspaceId, workspaceId)).all()
    : await d.selectDistinct({ teamId: q.teamId }).from(q).where(eq(q.workspaceId, workspaceId)).all();
  return rows.map((r) => r.teamId);
}

export async function queueLength(d1: D1Database, workspaceId: string, teamId: string): Promise<number> {
  const row = await db(d1).select({ n: count() }).from(q).where(and(eq(q.workspaceId, workspaceId), eq(q.teamId, teamId))).get();
  return row?.n ?? 0;
}

/** Workspaces with someone waiting (the every-minute drain). */
export async function workspacesWithQueue(d1: D1Database): Promise<string[]> {
  const rows = await db(d1).selectDistinct({ workspaceId: q.workspaceId }).from(q).limit(500).all();
  return rows.map((r) => r.workspaceId);
}
