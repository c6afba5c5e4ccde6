// Agent sessions: an opaque random cookie token; D1 stores only its SHA-256.
import { and, eq, gt, sql } from "drizzle-orm";
import { db, schema } from "../db/client";
import { randomToken, sha256Hex } from "../lib/crypto";

export const SESSION_COOKIE = "ld_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface AgentSession {
  sessionId: string;
  userId: string;
  workspaceId: string;
  name: string;
  email: string;
  role: "owner" | "admin" | "supervisor" | "agent";
  csrfToken: string;
  /** The language this person chose (null: follow the browser), and the workspace's. */
  language: string | null;
  workspaceLanguage: string;
  /** This person's time zone, else the workspace's. */
  timeZone: string;
}

/** Creates a session row and returns the cookie token (only ever held by the browser). */
export async function createSession(d1: D1Database, user: { id: string; workspaceId: string }, now = Date.now()) {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  await db(d1)
    .insert(schema.sessions)
    .values({ id: await sha256Hex(token), userId: user.id, workspaceId: user.workspaceId, csrfToken, expiresAt: now + SESSION_TTL_MS, createdAt: now });
  return { token, csrfToken };
}

/**
 * The signed-in agent behind a cookie token, or null. `allowDemo` is false
 * whenever the simulator is off: the demo admin's sessions stop working with it.
 */
export async function loadSession(d1: D1Database, token: string, now = Date.now(), allowDemo = false): Promise<AgentSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = await sha256Hex(token);
  const row = await db(d1)
    .select({
      sessionId: schema.sessions.id,
      userId: schema.users.id,
      workspaceId: schema.sessions.workspaceId,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      csrfToken: schema.sessions.csrfToken,
      language: schema.users.language,
      workspaceLanguage: schema.workspaces.language,
      timeZone: sql<string>`COALESCE(${schema.users.timeZone}, ${schema.workspaces.timeZone})`,
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.sessions.workspaceId))
    .where(and(eq(schema.sessions.id, id), gt(schema.sessions.expiresAt, now), eq(schema.users.active, 1), allowDemo ? undefined : eq(schema.users.demo, 0)))
    .get();
  return row ?? null;
}

export async function destroySession(d1: D1Database, token: string): Promise<void> {
  await db(d1).delete(schema.sessions).where(eq(schema.sessions.id, await sha256Hex(token)));
}
