// The outbound webhooks' domain-event listener: an event some enabled
// subscription of the workspace wants goes to the workspace's dispatcher queue
// (idempotent per subscription and event, so a retried event job never
// delivers twice). Registered in src/listeners.ts.
import type { Listener } from "../conversations/events";
import { payloadOf, SUBSCRIBABLE_EVENTS } from "./catalog";
import { dispatcherFor } from "./dispatcher-do";
import { subscribedTo } from "./subscriptions";

export const outboundWebhookListener: Listener = {
  name: "outbound-webhooks",
  events: SUBSCRIBABLE_EVENTS,
  async handle(event, { env, contactId }) {
    const subscriptionIds = await subscribedTo(env.DB, event.workspaceId, event.type);
    if (!subscriptionIds.length) return;
    const payload = payloadOf({ ...event, contactId: event.contactId ?? (await contactId()) });
    await dispatcherFor(env, event.workspaceId).enqueue(payload, subscriptionIds);
  },
};
