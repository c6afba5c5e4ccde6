// The one place domain-event listeners are registered (like app.tsx for routes):
// each reacts to the events a ConversationDO emits after it committed a change,
// from the conversation's outbox after the webhook's ack. Outbound webhooks are
// the first; keyword rules, away messages, workflows and reporting move here
// next (issue 9). A listener must be idempotent by event id (see Listener).
import { defineListeners } from "./conversations/events";
import { csatListener } from "./csat/listener";
import { sheetsListener } from "./csat/sheets";
import { slaListener } from "./sla/listener";
import { outboundWebhookListener } from "./outbound-webhooks/listener";
import { pushListener } from "./push/listener";

export const domainListeners = defineListeners([outboundWebhookListener, pushListener, csatListener, sheetsListener, slaListener]);
