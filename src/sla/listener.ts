// SLA reacts to what changes its clocks: customer and agent messages, resolve
// and reopen, a new assignee, team, priority or tag (the policy may change). The work runs in
// the conversation (ConversationDO#sla); this only asks for it.
import type { Listener } from "../conversations/events";
import { conversationStub } from "../conversations/service";
import { workspaceFeatures } from "../db/workspace-features";

export const slaListener: Listener = {
  name: "sla",
  // A new team, priority or tag: another policy (or none) may apply now.
  events: ["message.received", "message.sent", "conversation.resolved", "conversation.reopened", "conversation.assigned", "conversation.priority_changed", "tag.added", "tag.removed"],
  async handle(event, ctx) {
    if (event.sourceType === "channel") return;
    // Most workspaces have no SLA: one shared read (db/workspace-features.ts) instead of waking the
    // conversation (which still runs while a target is due from a policy since deleted).
    if (!(await workspaceFeatures(ctx.env.DB, event.workspaceId)).sla) return;
    await conversationStub(ctx.env, event.conversationId).sla();
  },
};
