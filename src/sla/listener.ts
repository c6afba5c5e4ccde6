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
    await conversationStub(ctx.env, event.conversationId).sla();
  },
};
