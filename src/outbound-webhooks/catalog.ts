// What outbound webhooks send: the event types a subscription can choose (the
// domain events of conversations/events.ts, plus `ping` for the test button),
// how they are labelled in settings, and the JSON body receivers get.
import { DOMAIN_EVENT_TYPES, type DomainEvent, type DomainEventType } from "../conversations/events";

export type WebhookEventType = DomainEventType | "ping";

/** The event types a subscription can choose, in the order the form lists them. */
export const SUBSCRIBABLE_EVENTS: readonly DomainEventType[] = DOMAIN_EVENT_TYPES;

export const EVENT_LABELS: Record<WebhookEventType, { label: string; hint: string }> = {
  "message.received": { label: "Message received", hint: "A customer wrote (any message type, postbacks too)" },
  "message.sent": { label: "Message sent", hint: "LINE accepted a message from an agent, automation or the API" },
  "message.failed": { label: "Message failed", hint: "LINE refused a message, with its reason" },
  "conversation.opened": { label: "Conversation opened", hint: "A new conversation, or one that came back to open" },
  "conversation.reopened": { label: "Conversation reopened", hint: "A resolved or snoozed conversation is open again" },
  "conversation.assigned": { label: "Conversation assigned", hint: "The assignee or the team changed" },
  "conversation.resolved": { label: "Conversation resolved", hint: "An agent or automation resolved it" },
  "contact.followed": { label: "Contact followed", hint: "A customer added or unblocked the account" },
  "contact.unfollowed": { label: "Contact unfollowed", hint: "A customer blocked the account" },
  ping: { label: "Test event", hint: "Sent by the “Send test event” button" },
};

export function isSubscribable(type: string): type is DomainEventType {
  return (SUBSCRIBABLE_EVENTS as readonly string[]).includes(type);
}

/** The JSON body of a delivery. Built once per event, so every retry sends the same bytes. */
export interface WebhookPayload {
  /** The event id (also `x-linedesk-delivery`): receivers dedupe on it. */
  id: string;
  type: WebhookEventType;
  /** When the change happened, ISO 8601. */
  createdAt: string;
  workspaceId: string;
  data: Record<string, unknown>;
}

export function payloadOf(event: DomainEvent): WebhookPayload {
  return {
    id: event.id,
    type: event.type,
    createdAt: new Date(event.at).toISOString(),
    workspaceId: event.workspaceId,
    data: {
      conversationId: event.conversationId,
      channelId: event.channelId,
      contactId: event.contactId,
      lineUserId: event.lineUserId,
      sourceType: event.sourceType,
      origin: event.origin,
      ...event.data,
    },
  };
}

export function pingPayload(id: string, workspaceId: string, subscriptionId: string, at: number): WebhookPayload {
  return { id, type: "ping", createdAt: new Date(at).toISOString(), workspaceId, data: { subscriptionId, message: "A test event from linedesk: your endpoint is reachable." } };
}
