// Tells an agent a conversation is now theirs (registered in src/listeners.ts):
// when someone else, an automation, a workflow or the API assigns it, the
// assignee gets an `assigned` notification in the bell (live in open inboxes)
// and a push on their devices (Mine). Taking a conversation yourself tells
// nobody. Idempotent by event: the notification's id comes from the event's,
// so a retried event stores and announces it once.
import { db, schema } from "../db/client";
import type { Listener } from "../conversations/events";
import { pushAssigned } from "../push/assigned";
import { pushNotifications } from "./notify";

/** `ntf_` and the event id's time-sorted tail: one notification per assignment event. */
export function assignedNotificationId(eventId: string): string {
  return `ntf_${eventId.slice(eventId.indexOf("_") + 1)}`;
}

export const assignedNotificationListener: Listener = {
  name: "assigned-notifications",
  events: ["conversation.assigned"],
  async handle(event, { env, contactId }) {
    if (event.type !== "conversation.assigned" || event.data.change !== "assignee") return;
    const assignee = event.data.assignee;
    if (!assignee || assignee.id === event.data.previousAssigneeId) return;
    const actor = event.origin.kind === "agent" ? { id: event.origin.userId, name: event.origin.name } : null;
    if (actor?.id === assignee.id) return;
    const id = assignedNotificationId(event.id);
    const inserted = await db(env.DB)
      .insert(schema.notifications)
      .values({ id, workspaceId: event.workspaceId, userId: assignee.id, kind: "assigned", conversationId: event.conversationId, contactId: event.sourceType === "user" ? await contactId() : null, actorId: actor?.id ?? null, body: "", createdAt: event.at })
      .onConflictDoNothing()
      .run();
    if (!inserted.meta.changes) return;
    await pushNotifications(env, event.workspaceId, [{ userId: assignee.id, notificationId: id }]);
    await pushAssigned(env, { workspaceId: event.workspaceId, notificationId: id, conversationId: event.conversationId, assigneeId: assignee.id, actor });
  },
};
