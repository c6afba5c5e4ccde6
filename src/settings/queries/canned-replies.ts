// D1 reads and writes for canned replies. A reply is shared (owner_id null, the
// whole workspace sees it) or personal (only its owner sees it, even admins don't).
import { and, asc, eq, gt, isNull, ne, or } from "drizzle-orm";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import { newId } from "../../lib/ids";
import type { CannedScopeFilter } from "../forms";
import { decodeCursor, encodeCursor } from "./cursor";

export const CANNED_PAGE_SIZE = 30;

const cr = schema.cannedReplies;

export type CannedReply = typeof cr.$inferSelect;
type Ctx = { workspaceId: string; actorId: string };

/** What `userId` may see: shared replies and their own personal ones. */
function visibleTo(workspaceId: string, userId: string, filter: CannedScopeFilter) {
  const scope = filter === "shared" ? isNull(cr.ownerId) : filter === "personal" ? eq(cr.ownerId, userId) : or(isNull(cr.ownerId), eq(cr.ownerId, userId));
  return and(eq(cr.workspaceId, workspaceId), scope);
}

/** One page A→Z by shortcut, then id (keyset). */
export async function listCannedReplies(
  d1: D1Database,
  viewer: { workspaceId: string; userId: string },
  filter: CannedScopeFilter,
  cursorText: string | undefined,
  limit = CANNED_PAGE_SIZE,
) {
  const cursor = decodeCursor(cursorText);
  const rows = await db(d1)
    .select()
    .from(cr)
    .where(
      and(
        visibleTo(viewer.workspaceId, viewer.userId, filter),
        cursor ? or(gt(cr.shortcut, cursor.key), and(eq(cr.shortcut, cursor.key), gt(cr.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(asc(cr.shortcut), asc(cr.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: last.shortcut, id: last.id }) : null };
}

/** A reply the viewer can see; another person's personal reply is as good as missing. */
export async function findCannedReply(d1: D1Database, viewer: { workspaceId: string; userId: string }, id: string): Promise<CannedReply | null> {
  const row = await db(d1)
    .select()
    .from(cr)
    .where(and(eq(cr.id, id), visibleTo(viewer.workspaceId, viewer.userId, "all")))
    .get();
  return row ?? null;
}

/** Shortcuts are unique per scope: among shared replies, and among each person's own. */
export async function shortcutTaken(d1: D1Database, workspaceId: string, ownerId: string | null, shortcut: string, exceptId?: string) {
  const row = await db(d1)
    .select({ id: cr.id })
    .from(cr)
    .where(
      and(eq(cr.workspaceId, workspaceId), ownerId ? eq(cr.ownerId, ownerId) : isNull(cr.ownerId), eq(cr.shortcut, shortcut), exceptId ? ne(cr.id, exceptId) : undefined),
    )
    .get();
  return Boolean(row);
}

export async function createCannedReply(d1: D1Database, ctx: Ctx, reply: { ownerId: string | null; shortcut: string; body: string }, now = Date.now()) {
  const d = db(d1);
  const row: CannedReply = { id: newId("cr", now), workspaceId: ctx.workspaceId, ...reply, createdAt: now, updatedAt: now };
  await d.batch([
    d.insert(cr).values(row),
    auditInsert(d1, { ...ctx, action: "canned_reply.created", targetType: "canned_reply", targetId: row.id, data: { shortcut: row.shortcut, shared: row.ownerId === null } }, now),
  ]);
  return row;
}

export async function updateCannedReply(d1: D1Database, ctx: Ctx, reply: CannedReply, changes: { shortcut: string; body: string }, now = Date.now()) {
  const d = db(d1);
  await d.batch([
    d.update(cr).set({ ...changes, updatedAt: now }).where(and(eq(cr.id, reply.id), eq(cr.workspaceId, ctx.workspaceId))),
    auditInsert(
      d1,
      { ...ctx, action: "canned_reply.updated", targetType: "canned_reply", targetId: reply.id, data: { shortcut: changes.shortcut, previousShortcut: reply.shortcut } },
      now,
    ),
  ]);
  return { ...reply, ...changes, updatedAt: now };
}

export async function deleteCannedReply(d1: D1Database, ctx: Ctx, reply: CannedReply, now = Date.now()) {
  const d = db(d1);
  await d.batch([
    d.delete(cr).where(and(eq(cr.id, reply.id), eq(cr.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "canned_reply.deleted", targetType: "canned_reply", targetId: reply.id, data: { shortcut: reply.shortcut, shared: reply.ownerId === null } }, now),
  ]);
}
