// What each person wants to be notified about (Settings → Profile): the four
// categories and "hide message text". No row means the defaults.
import { eq } from "drizzle-orm";
import { db, schema } from "../db/client";

export interface NotificationPreferences {
  mine: boolean;
  unassigned: boolean;
  mentions: boolean;
  sla: boolean;
  hideText: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = { mine: true, unassigned: true, mentions: true, sla: true, hideText: false };

export async function loadPreferences(d1: D1Database, userId: string): Promise<NotificationPreferences> {
  const p = schema.notificationPreferences;
  const row = await db(d1).select().from(p).where(eq(p.userId, userId)).get();
  if (!row) return { ...DEFAULT_PREFERENCES };
  return { mine: row.mine === 1, unassigned: row.unassigned === 1, mentions: row.mentions === 1, sla: row.sla === 1, hideText: row.hideText === 1 };
}

export async function savePreferences(d1: D1Database, owner: { workspaceId: string; userId: string }, prefs: NotificationPreferences, now = Date.now()): Promise<void> {
  const p = schema.notificationPreferences;
  const flags = { mine: +prefs.mine, unassigned: +prefs.unassigned, mentions: +prefs.mentions, sla: +prefs.sla, hideText: +prefs.hideText, updatedAt: now };
  await db(d1)
    .insert(p)
    .values({ userId: owner.userId, workspaceId: owner.workspaceId, ...flags })
    .onConflictDoUpdate({ target: p.userId, set: flags });
}
