// First run in production: the database has no user yet. /setup creates the
// workspace and its owner exactly once, guarded by the SETUP_KEY secret.
import { count } from "drizzle-orm";
import { db, schema } from "../db/client";
import { hashPassword } from "../lib/crypto";
import { newId } from "../lib/ids";

// Once a user exists it always will (owners cannot be deleted), so an isolate
// stops asking after the first yes.
let setupSeenDone = false;

/** True once any user exists: /setup is closed for good and pages stop redirecting to it. */
export async function setupDone(d1: D1Database): Promise<boolean> {
  if (setupSeenDone) return true;
  const row = await db(d1).select({ n: count() }).from(schema.users).get();
  setupSeenDone = (row?.n ?? 0) > 0;
  return setupSeenDone;
}

export interface FirstOwner {
  workspaceName: string;
  timeZone: string;
  language: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Creates the workspace and its owner in one transaction, only while no user
 * exists: of two setups racing, the second inserts nothing and gets null.
 */
export async function createFirstOwner(d1: D1Database, input: FirstOwner, now = Date.now()): Promise<{ userId: string; workspaceId: string } | null> {
  const workspaceId = newId("ws", now);
  const userId = newId("usr", now);
  const passwordHash = await hashPassword(input.password);
  const noUsers = "NOT EXISTS (SELECT 1 FROM users)";
  // Raw statements: the conditional INSERT … SELECT … WHERE NOT EXISTS is the guard.
  await d1.batch([
    d1
      .prepare(`INSERT INTO workspaces (id, name, time_zone, language, demo, created_at) SELECT ?, ?, ?, ?, 0, ? WHERE ${noUsers}`)
      .bind(workspaceId, input.workspaceName, input.timeZone, input.language, now),
    d1
      .prepare(
        `INSERT INTO users (id, workspace_id, email, name, password_hash, role, active, availability, demo, created_at)
         SELECT ?, ?, ?, ?, ?, 'owner', 1, 'online', 0, ? WHERE ${noUsers} AND EXISTS (SELECT 1 FROM workspaces WHERE id = ?)`,
      )
      .bind(userId, workspaceId, input.email, input.name, passwordHash, now, workspaceId),
    d1
      .prepare(
        `INSERT INTO audit_logs (id, workspace_id, actor_id, action, target_type, target_id, data, created_at)
         SELECT ?, ?, ?, 'workspace.created', 'workspace', ?, '{"via":"setup"}', ? WHERE EXISTS (SELECT 1 FROM users WHERE id = ?)`,
      )
      .bind(newId("aud", now), workspaceId, userId, workspaceId, now, userId),
  ]);
  const created = await d1.prepare("SELECT workspace_id FROM users WHERE id = ?").bind(userId).first<{ workspace_id: string }>();
  if (!created) {
    // Lost the race: nothing of this attempt was inserted (every statement was guarded).
    return null;
  }
  setupSeenDone = true;
  return { userId, workspaceId };
}
