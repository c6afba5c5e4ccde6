// Notifications: what a mention stores, the sentence each notification reads as
// (in its reader's language), and the live push of stored notifications
// (mentions, assignments, disabled webhooks) to their people's open inboxes —
// rendered in the recipient's language and time zone, never the sender's.
import type { Context } from "hono";
import type { AppEnv, Bindings } from "../env";
import { withLocale } from "../ui/i18n";
import { pushNotification } from "./push";
import { pushMentionNotifications } from "../push/mentions";
import { findNotification, recipientLocale, unreadCount } from "./queries/notifications";
import { NotificationItem, notificationText } from "./views/notifications";

export { notificationText };

const EXCERPT_MAX = 140;

/** The note on one line, cut at 140 characters: what a mention notification quotes. */
export function mentionExcerpt(note: string): string {
  const oneLine = note.replace(/\s+/g, " ").trim();
  return oneLine.length > EXCERPT_MAX ? `${oneLine.slice(0, EXCERPT_MAX - 1)}…` : oneLine;
}

/** Pushes each new notification to its agent, after the response (best effort). */
export function pushMentions(c: Context<AppEnv>, workspaceId: string, created: Array<{ userId: string; notificationId: string }>): void {
  if (!created.length) return;
  c.executionCtx.waitUntil(pushNotifications(c.env, workspaceId, created));
  c.executionCtx.waitUntil(pushMentionNotifications(c.env, workspaceId, created));
}

/**
 * Renders one stored notification as its recipient reads it: inside the
 * recipient's language and time zone (users.language / time_zone, else the
 * workspace's), whoever caused it. Null when it does not exist for them.
 */
export async function renderNotificationFor(d1: D1Database, workspaceId: string, userId: string, notificationId: string, now = Date.now()): Promise<{ html: string; text: string; count: number } | null> {
  const [locale, item, count] = await Promise.all([recipientLocale(d1, userId), findNotification(d1, userId, workspaceId, notificationId), unreadCount(d1, userId, workspaceId)]);
  if (!item) return null;
  return withLocale(locale, async () => ({ html: String(await (<NotificationItem notification={item} now={now} />).toString()), text: notificationText(item), count }));
}

/** Renders stored notifications and pushes each to its person's open inboxes. Best effort: never throws. */
export async function pushNotifications(env: Pick<Bindings, "DB" | "WORKSPACES">, workspaceId: string, created: Array<{ userId: string; notificationId: string }>): Promise<void> {
  await Promise.all(
    created.map(async ({ userId, notificationId }) => {
      const rendered = await renderNotificationFor(env.DB, workspaceId, userId, notificationId);
      if (rendered) await pushNotification(env, workspaceId, userId, rendered.html, rendered.count);
    }),
  ).catch((error: unknown) => console.warn("notification push failed", error instanceof Error ? error.message : error));
}
