// The one place domain-event listeners are registered (like app.tsx for routes):
// each reacts to the events a ConversationDO emits after it committed a change,
// from the conversation's outbox after the webhook's ack. Order matters only
// within one event: automation answers the customer first, then the outbound
// webhooks and push notifications go out. A listener must be idempotent by
// event id (see Listener); it sees the conversation through ctx.conversation
// (conversations/port.ts), never the Durable Object's internals.
import { assignmentListener } from "./assignment/listener";
import { automationListener } from "./automation/listener";
import { assignedNotificationListener } from "./contacts/assigned-listener";
import { contactIdentityListener } from "./contacts/listener";
import { defineListeners } from "./conversations/events";
import { csatListener } from "./csat/listener";
import { sheetsListener } from "./csat/sheets";
import { slaListener } from "./sla/listener";
import { outboundWebhookListener } from "./outbound-webhooks/listener";
import { pushListener } from "./push/listener";
import { reportsListener } from "./reports/recorder";
import { workflowListener } from "./workflows/listener";

export const domainListeners = defineListeners([automationListener, assignmentListener, outboundWebhookListener, pushListener, assignedNotificationListener, reportsListener, contactIdentityListener, workflowListener, csatListener, sheetsListener, slaListener]);
