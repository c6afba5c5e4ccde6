// D1 reads and writes for teams (Sales, Support, Thai-language...) and their
// members. Every query is scoped to the workspace; every change is audited.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import { newId } from "../../lib/ids";
import { chunked } from "../../db/bind-limit";

const t = schema.teams;
const tm = schema.teamMembers;
const u = schema.users;

export interface TeamMemberChip {
  id: string;
  name: string;
  avatarUrl: string | null;
  active: boolean;
}

export interface TeamWithMembers {
  id: string;
  name: string;
  members: TeamMemberChip[];
}

type Ctx = { workspaceId: string; actorId: string };

/** Teams A→Z with their members (two queries, however many teams). */
export async function listTeams(d1: D1Database, workspaceId: string): Promise<TeamWithMembers[]> {
  const d = db(d1);
  const teams = await d.select({ id: t.id, name: t.name }).from(t).where(eq(t.workspaceId, workspaceId)).orderBy(sql`${t.name} collate nocase`, asc(t.id));
  if (teams.length === 0) return [];
  const members = await membersOf(d1, teams.map((x) => x.id));
  return teams.map((team) => ({ ...team, members: members.get(team.id) ?? [] }));
}

export async function findTeam(d1: D1Database, workspaceId: string, id: string): Promise<TeamWithMembers | null> {
  const team = await db(d1).select({ id: t.id, name: t.name }).from(t).where(and(eq(t.id, id), eq(t.workspaceId, workspaceId))).get();
  if (!team) return null;
  const members = await membersOf(d1, [team.id]);
  return { ...team, members: members.get(team.id) ?? [] };
}

async function membersOf(d1: D1Database, teamIds: string[]): Promise<Map<string, TeamMemberChip[]>> {
  const out = new Map<string, TeamMemberChip[]>();
  for (const part of chunked(teamIds)) {
    const rows = await db(d1)
      .select({ teamId: tm.teamId, id: u.id, name: u.name, avatarUrl: u.avatarUrl, active: u.active })
      .from(tm)
      .innerJoin(u, eq(u.id, tm.userId))
      .where(inArray(tm.teamId, part))
      .orderBy(sql`${u.name} collate nocase`, asc(u.id));
    for (const row of rows) {
      const list = out.get(row.teamId) ?? [];
      list.push({ id: row.id, name: row.name, avatarUrl: row.avatarUrl, active: row.active === 1 });
      out.set(row.teamId, list);
    }
  }
  return out;
}

/** True when another team of the workspace already has this name (case-insensitive). */
export async function teamNameTaken(d1: D1Database, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  const row = await db(d1)
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), sql`${t.name} = ${name} collate nocase`, exceptId ? ne(t.id, exceptId) : undefined))
    .get();
  return Boolean(row);
}

export async function createTeam(d1: D1Database, ctx: Ctx, name: string, now = Date.now()): Promise<string> {
  const d = db(d1);
  const id = newId("team", now);
  await d.batch([
    d.insert(t).values({ id, workspaceId: ctx.workspaceId, name, createdAt: now }),
    auditInsert(d1, { ...ctx, action: "team.created", targetType: "team", targetId: id, data: { name } }, now),
  ]);
  return id;
}

export async function renameTeam(d1: D1Database, ctx: Ctx, team: { id: string; name: string }, name: string, now = Date.now()) {
  const d = db(d1);
  await d.batch([
    d.update(t).set({ name }).where(and(eq(t.id, team.id), eq(t.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "team.renamed", targetType: "team", targetId: team.id, data: { from: team.name, to: name } }, now),
  ]);
}

/**
 * Deletes the team and its memberships; conversations routed to it lose the team
 * in the index at once. Answers those conversations' ids: each also keeps the team
 * in its own state, which the caller clears (see leaveDeletedTeam in the route).
 */
export async function deleteTeam(d1: D1Database, ctx: Ctx, team: { id: string; name: string }, now = Date.now()): Promise<string[]> {
  const d = db(d1);
  const routed = await d
    .select({ id: schema.conversations.id })
    .from(schema.conversations)
    .where(and(eq(schema.conversations.teamId, team.id), eq(schema.conversations.workspaceId, ctx.workspaceId)))
    .all();
  await d.batch([
    d.delete(tm).where(eq(tm.teamId, team.id)),
    d.update(schema.conversations).set({ teamId: null }).where(and(eq(schema.conversations.teamId, team.id), eq(schema.conversations.workspaceId, ctx.workspaceId))),
    d.delete(t).where(and(eq(t.id, team.id), eq(t.workspaceId, ctx.workspaceId))),
    auditInsert(d1, { ...ctx, action: "team.deleted", targetType: "team", targetId: team.id, data: { name: team.name } }, now),
  ]);
  return routed.map((r) => r.id);
}

export async function addTeamMember(d1: D1Database, ctx: Ctx, teamId: string, user: { id: string; name: string }, now = Date.now()) {
  const d = db(d1);
  const added = await d.insert(tm).values({ teamId, userId: user.id }).onConflictDoNothing().returning({ userId: tm.userId });
  if (added.length === 0) return;
  await auditInsert(d1, { ...ctx, action: "team.member_added", targetType: "team", targetId: teamId, data: { userId: user.id, name: user.name } }, now);
}

export async function removeTeamMember(d1: D1Database, ctx: Ctx, teamId: string, userId: string, now = Date.now()): Promise<boolean> {
  const d = db(d1);
  const removed = await d.delete(tm).where(and(eq(tm.teamId, teamId), eq(tm.userId, userId))).returning({ userId: tm.userId });
  if (removed.length === 0) return false;
  await auditInsert(d1, { ...ctx, action: "team.member_removed", targetType: "team", targetId: teamId, data: { userId } }, now);
  return true;
}
