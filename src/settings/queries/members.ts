// D1 reads and writes for the people of a workspace: the member list (keyset
// by name, then id), role changes, deactivation. Always scoped to a workspace.
import { and, asc, eq, gt, ne, or, sql } from "drizzle-orm";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import type { Availability, Role } from "../forms";
import { decodeCursor, encodeCursor } from "./cursor";

export const MEMBER_PAGE_SIZE = 50;

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  availability: Availability;
  availabilityAt: number | null;
  avatarUrl: string | null;
}

const u = schema.users;
const memberColumns = {
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  active: u.active,
  availability: u.availability,
  availabilityAt: u.availabilityAt,
  avatarUrl: u.avatarUrl,
};

function toMember(row: { active: number } & Omit<Member, "active">): Member {
  return { ...row, active: row.active === 1 };
}

const nameNoCase = sql`${u.name} collate nocase`;

/** One page of members, A→Z by name (case-insensitive), then id, so equal names page stably. */
export async function listMembers(d1: D1Database, workspaceId: string, cursorText: string | undefined, limit = MEMBER_PAGE_SIZE) {
  const cursor = decodeCursor(cursorText);
  const rows = await db(d1)
    .select(memberColumns)
    .from(u)
    .where(
      and(
        eq(u.workspaceId, workspaceId),
        cursor ? or(sql`${nameNoCase} > ${cursor.key}`, and(sql`${nameNoCase} = ${cursor.key}`, gt(u.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(nameNoCase, asc(u.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toMember);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ key: last.name, id: last.id }) : null };
}

export async function findMember(d1: D1Database, workspaceId: string, id: string): Promise<Member | null> {
  const row = await db(d1).select(memberColumns).from(u).where(and(eq(u.id, id), eq(u.workspaceId, workspaceId))).get();
  return row ? toMember(row) : null;
}

/** Active members for pickers (team membership). Capped: a picker with more is unusable anyway. */
export async function activeMemberOptions(d1: D1Database, workspaceId: string, limit = 500) {
  return db(d1)
    .select({ id: u.id, name: u.name, email: u.email })
    .from(u)
    .where(and(eq(u.workspaceId, workspaceId), eq(u.active, 1)))
    .orderBy(nameNoCase, asc(u.id))
    .limit(limit);
}

export interface MemberCounts {
  total: number;
  active: number;
  online: number;
  activeOwners: number;
}

export async function memberCounts(d1: D1Database, workspaceId: string): Promise<MemberCounts> {
  const row = await db(d1)
    .select({
      total: sql<number>`count(*)`,
      active: sql<number>`coalesce(sum(${u.active} = 1), 0)`,
      online: sql<number>`coalesce(sum(${u.active} = 1 and ${u.availability} = 'online'), 0)`,
      activeOwners: sql<number>`coalesce(sum(${u.active} = 1 and ${u.role} = 'owner'), 0)`,
    })
    .from(u)
    .where(eq(u.workspaceId, workspaceId))
    .get();
  return { total: row?.total ?? 0, active: row?.active ?? 0, online: row?.online ?? 0, activeOwners: row?.activeOwners ?? 0 };
}

/**
 * Guard for writes that could leave a workspace without an active owner: true when
 * the row is not an active owner, or another active owner exists. Evaluated inside the
 * UPDATE, so two owners demoting each other at once cannot both succeed.
 */
function keepsAnOwner(workspaceId: string, id: string) {
  const other = sql`(select count(*) from ${u} as o where o.workspace_id = ${workspaceId} and o.role = 'owner' and o.active = 1 and o.id != ${id})`;
  return or(ne(u.role, "owner"), eq(u.active, 0), sql`${other} > 0`);
}

export interface ChangeContext {
  workspaceId: string;
  actorId: string;
}

/** Sets the role; false when the last-owner guard refused it. Audited in the same batch. */
export async function changeRole(d1: D1Database, ctx: ChangeContext, member: Member, role: Role, now = Date.now()): Promise<boolean> {
  const d = db(d1);
  const guard = role === "owner" ? undefined : keepsAnOwner(ctx.workspaceId, member.id);
  const updated = await d
    .update(u)
    .set({ role })
    .where(and(eq(u.id, member.id), eq(u.workspaceId, ctx.workspaceId), guard))
    .returning({ id: u.id });
  if (updated.length === 0) return false;
  await auditInsert(d1, { ...ctx, action: "user.role_changed", targetType: "user", targetId: member.id, data: { from: member.role, to: role } }, now);
  return true;
}

/** Deactivates and ends every session of the user at once; false when the last-owner guard refused. */
export async function deactivateMember(d1: D1Database, ctx: ChangeContext, member: Member, now = Date.now()): Promise<boolean> {
  const d = db(d1);
  const updated = await d
    .update(u)
    .set({ active: 0, availability: "offline", availabilityAt: now })
    .where(and(eq(u.id, member.id), eq(u.workspaceId, ctx.workspaceId), keepsAnOwner(ctx.workspaceId, member.id)))
    .returning({ id: u.id });
  if (updated.length === 0) return false;
  await d.batch([
    d.delete(schema.sessions).where(eq(schema.sessions.userId, member.id)),
    // A pending reset link would otherwise let a deactivated person back in later.
    d.delete(schema.invites).where(and(eq(schema.invites.userId, member.id), eq(schema.invites.kind, "reset"), sql`${schema.invites.usedAt} is null`)),
    auditInsert(d1, { ...ctx, action: "user.deactivated", targetType: "user", targetId: member.id, data: { email: member.email } }, now),
  ]);
  return true;
}

export async function reactivateMember(d1: D1Database, ctx: ChangeContext, member: Member, now = Date.now()): Promise<void> {
  const d = db(d1);
  await d.batch([
    d.update(u).set({ active: 1 }).where(and(eq(u.id, member.id), eq(u.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "user.reactivated", targetType: "user", targetId: member.id, data: { email: member.email } }, now),
  ]);
}

export async function setAvailability(d1: D1Database, workspaceId: string, userId: string, availability: Availability, now = Date.now()) {
  await db(d1).update(u).set({ availability, availabilityAt: now }).where(and(eq(u.id, userId), eq(u.workspaceId, workspaceId)));
}

/** The signed-in person's own row for the top bar (availability is not in the session). */
export async function viewerAvailability(d1: D1Database, userId: string): Promise<Availability> {
  const row = await db(d1).select({ availability: u.availability }).from(u).where(eq(u.id, userId)).get();
  return row?.availability ?? "offline";
}
