// Invite and password-reset links. The token exists only in the link shown once
// to the admin; D1 keeps its SHA-256. Accepting a link lives in src/auth/invites.tsx.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { auditInsert } from "../../db/audit";
import { db, schema } from "../../db/client";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import type { Member } from "./members";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;
export const PENDING_INVITES_SHOWN = 100;

const inv = schema.invites;

export interface PendingInvite {
  id: string;
  email: string;
  name: string;
  role: "admin" | "supervisor" | "agent";
  expiresAt: number;
  createdAt: number;
  invitedBy: string | null;
}

/** Unused invites (expired ones too, so they can be cleaned up), newest first. */
export async function listPendingInvites(d1: D1Database, workspaceId: string): Promise<PendingInvite[]> {
  return db(d1)
    .select({ id: inv.id, email: inv.email, name: inv.name, role: inv.role, expiresAt: inv.expiresAt, createdAt: inv.createdAt, invitedBy: schema.users.name })
    .from(inv)
    .leftJoin(schema.users, eq(schema.users.id, inv.createdBy))
    .where(and(eq(inv.workspaceId, workspaceId), eq(inv.kind, "invite"), isNull(inv.usedAt)))
    .orderBy(desc(inv.createdAt), desc(inv.id))
    .limit(PENDING_INVITES_SHOWN);
}

/** True when someone (in any workspace: emails are global) already signs in with `email`. */
export async function emailTaken(d1: D1Database, email: string): Promise<boolean> {
  const row = await db(d1).select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get();
  return Boolean(row);
}

export interface CreatedLink {
  id: string;
  /** The raw token: put it in the link shown once, never store or log it. */
  token: string;
  expiresAt: number;
  /** An earlier unused invite for the same email stopped working. */
  replaced: boolean;
}

/** Creates an invite; an earlier unused invite for the same email in this workspace is revoked. */
export async function createInvite(
  d1: D1Database,
  ctx: { workspaceId: string; actorId: string },
  invite: { email: string; name: string; role: PendingInvite["role"] },
  now = Date.now(),
): Promise<CreatedLink> {
  const d = db(d1);
  const token = randomToken(32);
  const id = newId("inv", now);
  const expiresAt = now + INVITE_TTL_MS;
  const earlier = and(eq(inv.workspaceId, ctx.workspaceId), eq(inv.kind, "invite"), eq(inv.email, invite.email), isNull(inv.usedAt));
  const [removed] = await d.batch([
    d.delete(inv).where(earlier).returning({ id: inv.id }),
    d.insert(inv).values({
      id,
      workspaceId: ctx.workspaceId,
      email: invite.email,
      name: invite.name,
      role: invite.role,
      tokenHash: await sha256Hex(token),
      kind: "invite",
      createdBy: ctx.actorId,
      expiresAt,
      createdAt: now,
    }),
    auditInsert(d1, { ...ctx, action: "invite.created", targetType: "invite", targetId: id, data: { email: invite.email, role: invite.role } }, now),
  ]);
  return { id, token, expiresAt, replaced: removed.length > 0 };
}

/** Deletes an unused invite of this workspace; false when there is none with that id. */
export async function revokeInvite(d1: D1Database, ctx: { workspaceId: string; actorId: string }, id: string, now = Date.now()): Promise<boolean> {
  const d = db(d1);
  const removed = await d
    .delete(inv)
    .where(and(eq(inv.id, id), eq(inv.workspaceId, ctx.workspaceId), eq(inv.kind, "invite"), isNull(inv.usedAt)))
    .returning({ email: inv.email });
  const row = removed[0];
  if (!row) return false;
  await auditInsert(d1, { ...ctx, action: "invite.revoked", targetType: "invite", targetId: id, data: { email: row.email } }, now);
  return true;
}

/** A 24-hour reset link for `member`; earlier unused reset links for them stop working. */
export async function createPasswordReset(d1: D1Database, ctx: { workspaceId: string; actorId: string }, member: Member, now = Date.now()): Promise<CreatedLink> {
  const d = db(d1);
  const token = randomToken(32);
  const id = newId("inv", now);
  const expiresAt = now + RESET_TTL_MS;
  const [removed] = await d.batch([
    d.delete(inv).where(and(eq(inv.userId, member.id), eq(inv.kind, "reset"), sql`${inv.usedAt} is null`)).returning({ id: inv.id }),
    d.insert(inv).values({
      id,
      workspaceId: ctx.workspaceId,
      email: member.email,
      name: member.name,
      // The column is required but a reset never changes the role; the user keeps theirs.
      role: "agent",
      tokenHash: await sha256Hex(token),
      kind: "reset",
      userId: member.id,
      createdBy: ctx.actorId,
      expiresAt,
      createdAt: now,
    }),
    auditInsert(d1, { ...ctx, action: "user.password_reset_link_created", targetType: "user", targetId: member.id, data: { email: member.email } }, now),
  ]);
  return { id, token, expiresAt, replaced: removed.length > 0 };
}
