// SLA reacts to what changes its clocks: customer and agent messages, resolve
// and reopen, a new assignee or team (the policy may change). The work runs in
// the conversation (ConversationDO#sla); this only asks for it.
import type { Listener } from "../conversations/events";
import { conversationStub } from "../conversations/service";

export const slaListener: Listener = {
  name: "sla",
  events: ["message.received", "message.sent", "conversation.resolved", "conversation.reopened", "conversation.assigned"],
  async handle(event, ctx) {
    if (event.sourceType === "channel") return;
    // Most workspaces have no SLA: one indexed read instead of waking the conversation
    // (which still runs while it has a target left from a policy since deleted).
    const relevant = await ctx.env.DB.prepare(
      "SELECT EXISTS (SELECT 1 FROM sla_policies WHERE workspace_id = ?1) OR EXISTS (SELECT 1 FROM conversations WHERE id = ?2 AND (sla_due_at IS NOT NULL OR sla_breached_at IS NOT NULL)) AS yes",
    )
      .bind(event.workspaceId, event.conversationId)
      .first<{ yes: number }>();
    if (!relevant?.yes) return;
    await conversationStub(ctx.env, event.conversationId).sla();
  },
};
