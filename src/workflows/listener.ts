// The workflows' domain-event listener (registered in src/listeners.ts): hands
// the events that can start a workflow or answer a waiting question to the
// conversation's engine (the ConversationDO's `workflow` RPC, which builds the
// WorkflowPort). Retried events are deduped by event id in the engine.
import type { DomainEventType, Listener } from "../conversations/events";
import { conversationStub } from "../conversations/service";

const EVENTS = ["conversation.opened", "message.received", "contact.followed", "conversation.resolved", "message.sent"] as const satisfies readonly DomainEventType[];

export const workflowListener: Listener = {
  name: "workflows",
  events: EVENTS,
  async handle(event, { env }) {
    // Only an agent's own message matters among sent ones (it cancels a waiting question).
    if (event.type === "message.sent" && event.origin.kind !== "agent") return;
    if (event.sourceType !== "user") return;
    await conversationStub(env, event.conversationId).workflow({ kind: "event", event });
  },
};
