// Who gets a push: the devices of the people a notification is for, kept only
// when they want that category, with each person's language and time zone so
// the text is written for them.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { type Db, db, schema } from "../db/client";
import type { LanguageCode } from "../lib/locales";
import { matchLanguage } from "../ui/i18n";
import type { PushCategory } from "./content";

export interface PushRecipient {
  subscriptionId: string;
  userId: string;
  workspaceId: string;
  locale: LanguageCode;
  timeZone: string;
  hideText: boolean;
}

/** Everyone active in the workspace, the members of a team, or named people. */
export type Audience = { everyone: true } | { teamId: string } | { userIds: string[] };

const PREFERENCE_COLUMN = {
  mine: schema.notificationPreferences.mine,
  unassigned: schema.notificationPreferences.unassigned,
  mentions: schema.notificationPreferences.mentions,
  sla: schema.notificationPreferences.sla,
} as const;

function audienceFilter(d: Db, audience: Audience): SQL | undefined {
  if ("everyone" in audience) return undefined;
  if ("teamId" in audience) {
    return inArray(schema.users.id, d.select({ id: schema.teamMembers.userId }).from(schema.teamMembers).where(eq(schema.teamMembers.teamId, audience.teamId)));
  }
  return inArray(schema.users.id, audience.userIds);
}

/**
 * The subscribed devices of `audience` in the workspace whose people are active
 * and want `category` (the test push ignores preferences), minus `except` (whoever
 * caused the notification).
 */
export async function devicesWanting(d1: D1Database, workspaceId: string, category: PushCategory, audience: Audience, except: string | null = null): Promise<PushRecipient[]> {
  if ("userIds" in audience && audience.userIds.length === 0) return [];
  const s = schema.pushSubscriptions;
  const u = schema.users;
  const w = schema.workspaces;
  const p = schema.notificationPreferences;
  const wants = category === "test" ? undefined : sql`coalesce(${PREFERENCE_COLUMN[category]}, 1) = 1`;
  const d = db(d1);
  const rows = await d
    .select({
      subscriptionId: s.id,
      userId: u.id,
      subscriptionLocale: s.locale,
      userLanguage: u.language,
      userTimeZone: u.timeZone,
      workspaceLanguage: w.language,
      workspaceTimeZone: w.timeZone,
      hideText: p.hideText,
    })
    .from(s)
    .innerJoin(u, eq(u.id, s.userId))
    .innerJoin(w, eq(w.id, u.workspaceId))
    .leftJoin(p, eq(p.userId, u.id))
    .where(and(eq(s.workspaceId, workspaceId), eq(u.workspaceId, workspaceId), eq(u.active, 1), wants, audienceFilter(d, audience), except ? sql`${u.id} <> ${except}` : undefined))
    .all();
  return rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    userId: r.userId,
    workspaceId,
    locale: (r.userLanguage ? matchLanguage(r.userLanguage) : null) ?? (r.subscriptionLocale ? matchLanguage(r.subscriptionLocale) : null) ?? matchLanguage(r.workspaceLanguage) ?? "en",
    timeZone: r.userTimeZone ?? r.workspaceTimeZone,
    hideText: r.hideText === 1,
  }));
}

/** Who a customer message is for: the assignee (Mine), else the team or everyone (Unassigned). */
export interface ConversationIndexFacts {
  title: string | null;
  assigneeId: string | null;
  teamId: string | null;
}

export async function conversationFacts(d1: D1Database, workspaceId: string, conversationId: string): Promise<ConversationIndexFacts> {
  const c = schema.conversations;
  const row = await db(d1)
    .select({ title: c.title, assigneeId: c.assigneeId, teamId: c.teamId })
    .from(c)
    .where(and(eq(c.id, conversationId), eq(c.workspaceId, workspaceId)))
    .get();
  return row ?? { title: null, assigneeId: null, teamId: null };
}
