// Pushes for conversations assigned to someone by another person, an automation,
// a workflow or the API. The contacts feature stores the `assigned` notification
// (src/contacts/assigned-listener.ts) and hands it here; the assignee's devices get
// "Assigned to you · Yuki" in their language, if they want Mine notifications.
import type { Bindings } from "../env";
import { assignedNotification } from "./content";
import { pushConfigured, pushNow, topicFor } from "./deliveries";
import { MESSAGE_TTL_S } from "./listener";
import { conversationFacts, devicesWanting } from "./recipients";

type PushEnv = Pick<Bindings, "DB" | "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">;

export interface AssignedPush {
  workspaceId: string;
  /** The stored notification: the push's cause, so a retried event never pushes twice. */
  notificationId: string;
  conversationId: string;
  assigneeId: string;
  actor: { id: string | null; name: string } | null;
}

/** Pushes the assignment to the assignee's devices. Never throws: the bell already has it. */
export async function pushAssigned(env: PushEnv, n: AssignedPush, now = Date.now()): Promise<void> {
  if (!pushConfigured(env)) return;
  try {
    const devices = await devicesWanting(env.DB, n.workspaceId, "mine", { userIds: [n.assigneeId] }, n.actor?.id ?? null);
    if (!devices.length) return;
    const { title } = await conversationFacts(env.DB, n.workspaceId, n.conversationId);
    await pushNow(
      env,
      {
        cause: n.notificationId,
        category: "mine",
        urgency: "high",
        ttlSeconds: MESSAGE_TTL_S,
        // An offline phone gets only the latest about this conversation, as with its messages.
        topic: await topicFor(`conversation:${n.conversationId}`),
        render: () => assignedNotification({ conversationId: n.conversationId, title, actorName: n.actor?.name ?? null }),
      },
      devices,
      now,
    );
  } catch (error) {
    console.warn("assigned push failed", { conversation: n.conversationId, error: error instanceof Error ? error.message : String(error) });
  }
}
