// Typed domain events: what a conversation says happened after it committed a
// change. The ConversationDO writes each event into its events table in the same
// storage transaction as the change (emit.ts) and hands it to the listeners
// registered in src/listeners.ts from its alarm, after the webhook's ack. Every
// event carries its origin, so a listener can tell a customer's message from
// one an automation sent and never react to its own work (loop protection by
// origin, not by display names or text).
import type { Bindings } from "../env";
import type { JsonValue } from "../lib/json";
import type { ConversationStatus, DeliveryVia, Direction, MessageBody, Priority } from "./model";
import type { ConversationPort } from "./port";

/** Who caused the change. `agent.userId` is null for legacy callers that name no user. */
export type EventOrigin =
  | { kind: "customer" }
  | { kind: "agent"; userId: string | null; name: string }
  | { kind: "automation"; rule?: string; workflowId?: string }
  | { kind: "api"; tokenId?: string };

/** A thread message as events carry it: the body without LINE's raw payload of unsupported events. */
export interface EventMessage {
  id: string;
  direction: Direction;
  /** The body's type: text, sticker, image, postback, ... */
  type: MessageBody["type"];
  /** One line of text (what list previews show). */
  text: string;
  body: MessageBody;
  lineMessageId: string | null;
  /** The LINE user who wrote it (inbound; in groups, the member). */
  senderLineUserId: string | null;
  agentId: string | null;
  agentName: string | null;
  createdAt: number;
}

export interface AssigneeRef {
  id: string;
  name: string;
}

/** What each event type carries besides the common fields. */
export interface EventData {
  /** `answer`: the customer answered something the conversation asked for (a CSAT rating or comment): not a new request. */
  "message.received": { message: EventMessage; redelivered: boolean; standby: boolean; answer?: boolean };
  "message.sent": { message: EventMessage; via: DeliveryVia };
  /** Not delivered; `deliveryUnknown` when LINE never confirmed a reply (it may have reached the customer). */
  "message.failed": { message: EventMessage; reason: string; deliveryUnknown: boolean };
  /** A new conversation, or one that came back to open from resolved or snoozed. */
  "conversation.opened": { reason: "created" | "reopened" };
  "conversation.reopened": { previousStatus: ConversationStatus };
  /** The assignee or the team changed (`change` says which); null means removed. */
  "conversation.assigned": { change: "assignee" | "team"; assignee: AssigneeRef | null; team: AssigneeRef | null; previousAssigneeId: string | null; previousTeamId: string | null };
  "conversation.resolved": { previousStatus: ConversationStatus };
  /** Snoozed until `until` (epoch ms); it comes back as conversation.reopened. */
  "conversation.snoozed": { until: number; previousStatus: ConversationStatus };
  /** The priority changed: 0 none, 1 low, 2 medium, 3 high, 4 urgent (as in the REST API). */
  "conversation.priority_changed": { priority: Priority; previousPriority: Priority };
  "contact.followed": { unblocked: boolean };
  "contact.unfollowed": Record<string, never>;
  /**
   * The customer tapped a postback action (a button, quick reply or rich menu
   * area); `data` is what the action carried, `params` the date/time picker's choice.
   */
  "postback.received": { message: EventMessage; data: string; params: Record<string, string> | null; redelivered: boolean; standby: boolean };
  /** A tag was added to the conversation, or to the contact of this (1:1) conversation. */
  "tag.added": { target: "conversation" | "contact"; tag: { id: string; name: string } };
  /** A tag was taken off the conversation, or off the contact of this (1:1) conversation. */
  "tag.removed": { target: "conversation" | "contact"; tag: { id: string; name: string } };
  /** LINE account linking finished (webhook `accountLink`): `nonce` names the business's customer. */
  "contact.account_linked": { result: "ok" | "failed"; nonce: string };
  /** LINE membership (webhook `membership`): joined, left or renewed plan `membershipId`. */
  "contact.membership_changed": { type: "joined" | "left" | "renewed"; membershipId: number };
  /** A customer answered a CSAT survey (src/csat/): emitted once, when the comment is in, skipped, or its window passed. */
  "csat.rated": { responseId: string; score: number; comment: string | null; agentId: string | null; teamId: string | null; trigger: "resolve" | "workflow" | "agent"; sentAt: number; ratedAt: number };
  /** An SLA target was met or breached (src/sla/): emitted once per target, with the sla_events row's id. */
  "sla.recorded": { slaEventId: string; kind: "first_response" | "next_response" | "resolution"; outcome: "met" | "breached"; policyId: string; assigneeId: string | null; teamId: string | null; startedAt: number; dueAt: number };
}

export type DomainEventType = keyof EventData;

export const DOMAIN_EVENT_TYPES = [
  "message.received",
  "message.sent",
  "message.failed",
  "conversation.opened",
  "conversation.reopened",
  "conversation.assigned",
  "conversation.resolved",
  "conversation.snoozed",
  "conversation.priority_changed",
  "contact.followed",
  "contact.unfollowed",
  "postback.received",
  "tag.added",
  "tag.removed",
  "contact.account_linked",
  "contact.membership_changed",
  "csat.rated",
  "sla.recorded",
] as const satisfies readonly DomainEventType[];

/** The fields every event has. */
export interface EventEnvelope {
  /** `evt_…`, unique and stable: retries and redeliveries of one event keep it, so receivers can dedupe. */
  id: string;
  /** When the change was committed (epoch ms). */
  at: number;
  workspaceId: string;
  channelId: string;
  conversationId: string;
  /** user, group or room (LINE's source type) — or channel for channel-wide events. */
  sourceType: "user" | "group" | "room" | "channel";
  /** The D1 contact of a 1:1 conversation when it was known at emit time (else ask ListenerContext.contactId). */
  contactId: string | null;
  /** The customer's LINE user id (1:1), or the member who caused a group event. */
  lineUserId: string | null;
  origin: EventOrigin;
}

export type DomainEventOf<T extends DomainEventType> = EventEnvelope & { type: T; data: EventData[T] };

export type DomainEvent = { [T in DomainEventType]: DomainEventOf<T> }[DomainEventType];

/**
 * What a listener may use: the bindings (its own D1 tables, settings) and the
 * conversation port (read the thread, send, triage) — never the DO's runtime.
 */
export interface ListenerContext {
  env: Bindings;
  /**
   * The D1 contact of a 1:1 conversation (null for groups and rooms). A brand-new
   * customer's contact is created on first use, so ask only when it is needed.
   */
  contactId(): Promise<string | null>;
  conversation: ConversationPort;
  /**
   * Scratch memory of this conversation's object, per listener name: what a listener
   * learned in one run and may reuse in the next (e.g. rows it read from D1). Lost
   * whenever the object is evicted or restarts, never shared with another conversation
   * or instance — so nothing in it may be needed, only saved work.
   */
  memory: Map<string, unknown>;
}

/** A timer a listener set through ConversationPort.setTimer, now due. */
export interface DueTimer {
  key: string;
  data: JsonValue;
  /** When it was due. */
  at: number;
}

/** The outbox payload of a timer (ConversationPort.setTimer). */
export interface TimerJob {
  listener: string;
  key: string;
  data: JsonValue;
}

/** What a command answers: flat JSON (the caller validates it). */
export type CommandResult = { [key: string]: string | number | boolean | null | undefined };

/**
 * A reaction to domain events. Delivery is at least once: a listener that
 * throws is retried with backoff (listeners that already succeeded for that
 * event are not run again), so a listener must be idempotent by event id.
 */
export interface Listener {
  /** Unique; records which listeners are done with an event across retries. */
  name: string;
  events: readonly DomainEventType[];
  handle(event: DomainEvent, ctx: ListenerContext): Promise<void>;
  /**
   * Optional: several events of one conversation at once (the outbox found them due
   * together, e.g. a burst of messages), oldest first, so their D1 work can share one
   * round trip. All or nothing: a throw retries each of them (idempotent by event id).
   */
  handleBatch?(items: Array<{ event: DomainEvent; ctx: ListenerContext }>): Promise<void>;
  /**
   * Optional: this listener's D1 writes for a run's events, worked out without writing,
   * so they ride in the conversation's index batch (one round trip per run, not two).
   * null when it cannot tell without writing (handleBatch or handle then run as usual).
   * Once that batch is written, `written` is called and the events count as done for this
   * listener; if the batch fails, the index is written without them and they run as usual.
   */
  prepareWrites?(items: Array<{ event: DomainEvent; ctx: ListenerContext }>): Promise<PreparedWrites | null>;
  /** A timer this listener set is due (at least once: retried with backoff when it throws). */
  onTimer?(timer: DueTimer, ctx: ListenerContext): Promise<void>;
  /**
   * A command sent to one conversation from outside (cron jobs: ConversationDO#command).
   * `input` is untrusted JSON: validate it.
   */
  command?(input: unknown, ctx: ListenerContext): Promise<CommandResult>;
}

/** D1 statements a listener hands to the index batch, and what to do once they are written. */
export interface PreparedWrites {
  statements: D1PreparedStatement[];
  written(): void;
}

export interface ListenerRegistry {
  /** Every listener, in registration order. */
  all: readonly Listener[];
  listenersFor(type: DomainEventType): Listener[];
  /** The listener called `name` (timers and commands are addressed by name). */
  listener(name: string): Listener | null;
}

/** Builds the registry (an index from event type to its listeners) from a list. */
export function defineListeners(listeners: Listener[]): ListenerRegistry {
  const names = new Set<string>();
  const byType = new Map<DomainEventType, Listener[]>();
  for (const listener of listeners) {
    if (names.has(listener.name)) throw new Error(`two listeners are called ${listener.name}`);
    names.add(listener.name);
    for (const type of listener.events) byType.set(type, [...(byType.get(type) ?? []), listener]);
  }
  const byName = new Map(listeners.map((l) => [l.name, l]));
  return { all: listeners, listenersFor: (type) => byType.get(type) ?? [], listener: (name) => byName.get(name) ?? null };
}
