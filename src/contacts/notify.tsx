// Notifications: what a mention says, and the live push of stored
// notifications (mentions, disabled webhooks) to their people's open inboxes.
import type { Context } from "hono";
import type { AppEnv, Bindings } from "../env";
import { pushNotification } from "./push";
import { pushMentionNotifications } from "../push/mentions";
import { findNotification, unreadCount } from "./queries/notifications";
import { NotificationItem } from "./views/notifications";

/** `Aiko mentioned you in a note on Somchai: "Can you call her back…"` (plain text; views escape it). */
export function mentionSentence(authorName: string, contactName: string, note: string): string {
  const oneLine = note.replace(/\s+/g, " ").trim();
  const excerpt = oneLine.length > 140 ? `${oneLine.slice(0, 139)}…` : oneLine;
  return `${authorName} mentioned you in a note on ${contactName}: “${excerpt}”`;
}

/** Pushes each new notification to its agent, after the response (best effort). */
export function pushMentions(c: Context<AppEnv>, workspaceId: string, created: Array<{ userId: string; notificationId: string }>): void {
  if (!created.length) return;
  c.executionCtx.waitUntil(pushNotifications(c.env, workspaceId, created));
  c.executionCtx.waitUntil(pushMentionNotifications(c.env, workspaceId, created));
}

/** Renders stored notifications and pushes each to its person's open inboxes. Best effort: never throws. */
export async function pushNotifications(env: Pick<Bindings, "DB" | "WORKSPACES">, workspaceId: string, created: Array<{ userId: string; notificationId: string }>): Promise<void> {
  await Promise.all(
    created.map(async ({ userId, notificationId }) => {
      const [item, count] = await Promise.all([findNotification(env.DB, userId, workspaceId, notificationId), unreadCount(env.DB, userId, workspaceId)]);
      if (!item) return;
      const html = String(await (<NotificationItem notification={item} now={Date.now()} />));
      await pushNotification(env, workspaceId, userId, html, count);
    }),
  ).catch((error: unknown) => console.warn("notification push failed", error instanceof Error ? error.message : error));
}
