// Live delivery of a new notification to the agent's open inbox tabs through the
// workspace's WorkspaceDO. Best effort: the notification is already in D1, and the
// bell's count fragment catches up on the next load.
import type { Bindings } from "../env";

/** The frame every open inbox of `userId` receives over the workspace socket. */
export interface NotificationFrame {
  type: "notification";
  /** One rendered `<li class="nf-item">` (NotificationItem), ready to prepend to `#notification-list`. */
  html: string;
  /** The user's unread count after this notification. */
  count: number;
}

export async function pushNotification(env: Pick<Bindings, "WORKSPACES">, workspaceId: string, userId: string, html: string, count: number): Promise<void> {
  try {
    const frame: NotificationFrame = { type: "notification", html, count };
    await env.WORKSPACES.get(env.WORKSPACES.idFromName(workspaceId)).notifyUser(userId, frame);
  } catch (error) {
    console.warn("notification push failed", { workspaceId, userId, error: error instanceof Error ? error.message : String(error) });
  }
}
