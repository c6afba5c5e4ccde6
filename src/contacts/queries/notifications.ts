// An agent's notifications (mentions, assignments): the dropdown list, the
// unread count for the bell, and marking them read. Always scoped to one user.
import { and, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { agentLocale } from "../../auth/middleware";
import { db, schema } from "../../db/client";
import type { LocaleContext } from "../../ui/i18n";

export interface NotificationView {
  id: string;
  kind: "mention" | "assigned" | "webhook_disabled";
  /** A mention's note excerpt; for other kinds the text to show as it is. */
  body: string;
  conversationId: string | null;
  contactId: string | null;
  /** The contact's LINE display name, else the conversation's title (a group's name); null: neither known. */
  contactName: string | null;
  actorName: string | null;
  readAt: number | null;
  createdAt: number;
}

const n = schema.notifications;
const columns = {
  id: n.id,
  kind: n.kind,
  body: n.body,
  conversationId: n.conversationId,
  contactId: n.contactId,
  contactName: sql<string | null>`coalesce(${schema.contacts.displayName}, ${schema.conversations.title})`,
  actorName: schema.users.name,
  readAt: n.readAt,
  createdAt: n.createdAt,
};

const mine = (userId: string, workspaceId: string) => and(eq(n.userId, userId), eq(n.workspaceId, workspaceId));

/** Every unread notification (up to 50) and the most recent read ones, newest first. */
export async function recentNotifications(d1: D1Database, userId: string, workspaceId: string, recentRead = 10): Promise<NotificationView[]> {
  const d = db(d1);
  const query = (read: boolean, limit: number) =>
    d
      .select(columns)
      .from(n)
      .leftJoin(schema.users, eq(schema.users.id, n.actorId))
      .leftJoin(schema.contacts, eq(schema.contacts.id, n.contactId))
      .leftJoin(schema.conversations, eq(schema.conversations.id, n.conversationId))
      .where(and(mine(userId, workspaceId), read ? isNotNull(n.readAt) : isNull(n.readAt)))
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(limit);
  const [unread, read] = await d.batch([query(false, 50), query(true, recentRead)]);
  return [...unread, ...read].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

export async function findNotification(d1: D1Database, userId: string, workspaceId: string, id: string): Promise<NotificationView | null> {
  const row = await db(d1)
    .select(columns)
    .from(n)
    .leftJoin(schema.users, eq(schema.users.id, n.actorId))
    .leftJoin(schema.contacts, eq(schema.contacts.id, n.contactId))
    .leftJoin(schema.conversations, eq(schema.conversations.id, n.conversationId))
    .where(and(eq(n.id, id), mine(userId, workspaceId)))
    .get();
  return row ?? null;
}

export async function unreadCount(d1: D1Database, userId: string, workspaceId: string): Promise<number> {
  const row = await db(d1)
    .select({ value: count() })
    .from(n)
    .where(and(mine(userId, workspaceId), isNull(n.readAt)))
    .get();
  return row?.value ?? 0;
}

/** Marks one notification (or, without `id`, all of them) read for this user. */
export async function markRead(d1: D1Database, userId: string, workspaceId: string, id?: string): Promise<void> {
  await db(d1)
    .update(n)
    .set({ readAt: Date.now() })
    .where(and(mine(userId, workspaceId), isNull(n.readAt), ...(id ? [eq(n.id, id)] : [])));
}

/**
 * The language and time zone to render a notification in for `userId`: their
 * chosen language (else the workspace's — there is no browser to ask), their
 * time zone (else the workspace's). English and UTC for an unknown user.
 */
export async function recipientLocale(d1: D1Database, userId: string): Promise<LocaleContext> {
  const row = await db(d1)
    .select({ language: schema.users.language, timeZone: schema.users.timeZone, workspaceLanguage: schema.workspaces.language, workspaceTimeZone: schema.workspaces.timeZone })
    .from(schema.users)
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.users.workspaceId))
    .where(eq(schema.users.id, userId))
    .get();
  if (!row) return { locale: "en", timeZone: "UTC" };
  return { locale: agentLocale(row, null), timeZone: row.timeZone || row.workspaceTimeZone || "UTC" };
}
