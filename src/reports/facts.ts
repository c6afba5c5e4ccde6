// What a domain event adds to the reports, as a pure function of the event and
// what was known about its conversation when it was handled: counts, durations
// (first and next response, resolution) and the conversation's response clock.
import type { DomainEvent } from "../conversations/events";
import { type Dims, type DurationMetric, type Fact, NONE } from "./cube";
import { bucketOf, BUCKET_COUNT } from "./histogram";

/** The conversation as the index and the clocks table had it (null fields: not indexed yet). */
export interface ConversationSnapshot {
  channelId: string;
  teamId: string | null;
  assigneeId: string | null;
  tagIds: string[];
  contactLanguage: string | null;
  clock: Clock | null;
}

export interface Clock {
  awaitingSince: number | null;
  awaitingFirst: boolean;
  openedAt: number | null;
}

export interface EventEffect {
  facts: Fact[];
  /** The conversation's clock after the event (undefined: unchanged). */
  clock?: Clock;
  /** A response was measured whose clock started at this instant: is it within business hours? */
  responseStartedAt?: number;
}

export function durationFact(at: number, dims: Dims, metric: DurationMetric, ms: number, businessHours: boolean): Fact & { family: "durations" } {
  const buckets = Array.from({ length: BUCKET_COUNT }, () => 0);
  buckets[bucketOf(ms)] = 1;
  return { family: "durations", at, dims, metric, businessHours, count: 1, sumMs: ms, buckets };
}

/** What one CSAT answer adds to report_csat. */
export function csatAdd(score: number, comment: string | null): Record<string, number> {
  const s = Math.min(5, Math.max(1, Math.round(score)));
  return { [`score_${s}`]: 1, ...(comment ? { commented: 1 } : {}) };
}

/** What one met or breached SLA target adds to report_sla. */
export function slaAdd(kind: string, outcome: "met" | "breached"): Record<string, number> {
  const prefix = kind === "first_response" ? "first" : kind === "next_response" ? "next" : "resolution";
  return { [`${prefix}_${outcome}`]: 1 };
}

const NEW_CLOCK: Clock = { awaitingSince: null, awaitingFirst: true, openedAt: null };

/**
 * The facts of one event. Response durations are built with businessHours
 * false; the recorder sets it from the channel's hours at `responseStartedAt`.
 */
export function effectOf(event: DomainEvent, s: ConversationSnapshot): EventEffect {
  const dims: Dims = { channelId: event.channelId || s.channelId, teamId: s.teamId ?? NONE, agentId: s.assigneeId ?? NONE, tagIds: s.tagIds };
  const clock = s.clock ?? NEW_CLOCK;
  const at = event.at;
  switch (event.type) {
    case "conversation.opened":
      if (event.data.reason === "created") return { facts: [{ family: "conversations", at, dims, add: { opened: 1 } }], clock: { ...clock, awaitingFirst: true, openedAt: at } };
      return { facts: [], clock: { ...clock, openedAt: at } };
    case "conversation.reopened":
      return { facts: [{ family: "conversations", at, dims, add: { reopened: 1 } }] };
    case "conversation.assigned": {
      if (event.data.change !== "assignee" || !event.data.assignee) return { facts: [] };
      const to: Dims = { ...dims, agentId: event.data.assignee.id, teamId: event.data.team?.id ?? dims.teamId };
      return { facts: [{ family: "conversations", at, dims: to, add: { assigned: 1 } }] };
    }
    case "conversation.resolved": {
      const facts: Fact[] = [{ family: "conversations", at, dims, add: { resolved: 1 } }];
      if (clock.openedAt !== null) facts.push(durationFact(at, dims, "resolution", Math.max(0, at - clock.openedAt), false));
      return { facts, clock: { ...clock, awaitingSince: null, openedAt: null } };
    }
    case "message.received": {
      const facts: Fact[] = [{ family: "messages", at, dims, add: { inbound: 1 } }];
      // Standby: another channel answers, so no clock starts here.
      if (event.origin.kind !== "customer" || event.data.standby || clock.awaitingSince !== null) return { facts };
      return { facts, clock: { ...clock, awaitingSince: at, openedAt: clock.openedAt ?? at } };
    }
    case "message.sent": {
      const via = event.data.via === "reply" ? { via_reply: 1 } : { via_push: 1 };
      const o = event.origin;
      if (o.kind !== "agent") {
        const add = o.kind === "automation" ? { outbound_automation: 1, ...via } : o.kind === "api" ? { outbound_api: 1, ...via } : via;
        return { facts: [{ family: "messages", at, dims: { ...dims, agentId: NONE }, add }] };
      }
      const agentDims: Dims = { ...dims, agentId: event.data.message.agentId ?? o.userId ?? NONE };
      const facts: Fact[] = [{ family: "messages", at, dims: agentDims, add: { outbound_agent: 1, ...via } }];
      if (clock.awaitingSince === null) return { facts };
      const metric = clock.awaitingFirst ? "first_response" : "next_response";
      facts.push(durationFact(at, agentDims, metric, Math.max(0, at - clock.awaitingSince), false));
      return { facts, clock: { ...clock, awaitingSince: null, awaitingFirst: false }, responseStartedAt: clock.awaitingSince };
    }
    case "message.failed": {
      const agentId = event.data.message.agentId ?? (event.origin.kind === "agent" ? event.origin.userId : null) ?? NONE;
      return { facts: [{ family: "messages", at, dims: { ...dims, agentId }, add: { failed: 1 } }] };
    }
    case "contact.followed":
      return { facts: [{ family: "contacts", at, channelId: dims.channelId, language: s.contactLanguage || NONE, add: event.data.unblocked ? { unblocks: 1 } : { new_friends: 1 } }] };
    case "contact.unfollowed":
      return { facts: [{ family: "contacts", at, channelId: dims.channelId, language: s.contactLanguage || NONE, add: { blocks: 1 } }] };
    case "csat.rated": {
      // Who the rating is about: the assignee and team when the survey was sent; bucketed by when the customer tapped.
      const rated: Dims = { ...dims, agentId: event.data.agentId ?? NONE, teamId: event.data.teamId ?? NONE };
      return { facts: [{ family: "csat", at: event.data.ratedAt, dims: rated, add: csatAdd(event.data.score, event.data.comment) }] };
    }
    case "sla.recorded": {
      const owner: Dims = { ...dims, agentId: event.data.assigneeId ?? NONE, teamId: event.data.teamId ?? NONE };
      return { facts: [{ family: "sla", at, dims: owner, add: slaAdd(event.data.kind, event.data.outcome) }] };
    }
    case "conversation.snoozed":
    case "conversation.priority_changed":
    case "postback.received":
    case "tag.added":
    case "tag.removed":
    case "contact.account_linked":
    case "contact.membership_changed":
      // Not counted in any rollup (a postback is also stored as a received message).
      return { facts: [] };
  }
}
