// What outbound webhooks send: the event types a subscription can choose (the
// domain events of conversations/events.ts, plus `ping` for the test button),
// how they are labelled in settings, and the JSON body receivers get.
import { DOMAIN_EVENT_TYPES, type DomainEvent, type DomainEventType } from "../conversations/events";
import { t } from "../ui/i18n";

export type WebhookEventType = DomainEventType | "ping";

/** The event types a subscription can choose, in the order the form lists them. */
export const SUBSCRIBABLE_EVENTS: readonly DomainEventType[] = DOMAIN_EVENT_TYPES;

/** An event type's name and what it means, in the reader's language. */
export function eventLabel(type: WebhookEventType): { label: string; hint: string } {
  return { label: t(`settings.webhooks.event.${type}`), hint: t(`settings.webhooks.eventHint.${type}`) };
}

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
