// The push notifications' domain-event listener (registered in src/listeners.ts):
// a customer message notifies the assignee's devices (Mine), or — nobody
// assigned — the conversation's team or everyone (Unassigned). It runs from the
// conversation's outbox after the webhook's ack; the pushes it queues are
// idempotent by event and device, so a retried event never pushes twice.
import type { DomainEventOf, Listener } from "../conversations/events";
import { messageNotification } from "./content";
import { pushConfigured, pushNow, topicFor } from "./deliveries";
import { conversationFacts, devicesWanting, type PushRecipient } from "./recipients";
import { workspaceFeatures } from "../db/workspace-features";

/** A customer message is worth a push for 4 hours; after that the inbox tells the story. */
export const MESSAGE_TTL_S = 4 * 60 * 60;

/** Who a customer message notifies, by category. Exported for tests. */
export async function messageRecipients(d1: D1Database, event: DomainEventOf<"message.received">): Promise<{ category: "mine" | "unassigned"; title: string | null; devices: PushRecipient[] }> {
  const facts = await conversationFacts(d1, event.workspaceId, event.conversationId);
  if (facts.assigneeId) {
    return { category: "mine", title: facts.title, devices: await devicesWanting(d1, event.workspaceId, "mine", { userIds: [facts.assigneeId] }) };
  }
  const audience = facts.teamId ? { teamId: facts.teamId } : { everyone: true as const };
  return { category: "unassigned", title: facts.title, devices: await devicesWanting(d1, event.workspaceId, "unassigned", audience) };
}

export const pushListener: Listener = {
  name: "push-notifications",
  events: ["message.received"],
  async handle(event, { env, contactId }) {
    if (event.type !== "message.received" || event.origin.kind !== "customer") return;
    // Standby: another channel answers; nothing here can be sent.
    if (event.data.standby || !pushConfigured(env)) return;
    // Most workspaces have no subscribed device: one shared read says so (db/workspace-features.ts).
    if (!(await workspaceFeatures(env.DB, event.workspaceId)).push) return;
    // A new 1:1 conversation is indexed on first use: ask, so the push can say who wrote.
    if (event.sourceType === "user" && event.contactId === null) await contactId();
    const { category, title, devices } = await messageRecipients(env.DB, event);
    if (!devices.length) return;
    await pushNow(env, {
      cause: event.id,
      category,
      urgency: category === "mine" ? "high" : "normal",
      ttlSeconds: MESSAGE_TTL_S,
      topic: await topicFor(`conversation:${event.conversationId}`),
      render: (r) => messageNotification(category, { conversationId: event.conversationId, title, message: event.data.message, hideText: r.hideText }),
    }, devices);
  },
};
