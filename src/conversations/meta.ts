// What a ConversationDO keeps in its key/value table (`meta`), its outbox and its
// events table, as types: every meta key with the kind of value stored under it,
// every outbox job kind with its payload, and the event job (validated when read
// back, since rows written by an older version of the code may still be waiting).
import type { AwaitedAnswer } from "./awaited";
import { z } from "zod";
import type { JsonObject, JsonValue } from "../lib/json";
import type { ReplyTokenState } from "./delivery";
import type { DomainEvent, TimerJob } from "./events";
import type { ConversationKey, TriageState } from "./model";

/** Who the conversation is with, on which channel and workspace (set by its first webhook event). */
export interface ConversationMeta {
  id: string;
  channelId: string;
  workspaceId: string;
  source: ConversationKey["source"];
}

export interface MetaValues {
  conversation: ConversationMeta;
  triage: Partial<TriageState>;
  mode: "active" | "standby";
  replyToken: ReplyTokenState;
  unread: number;
  lastCustomerMessageAt: number;
  friendStatus: "following" | "unfollowed";
  followedAt: number;
  unfollowedAt: number;
  /** The markAsReadToken last sent to LINE. */
  readToken: string;
  indexedAt: number;
  /** When the listeners last got a run of event jobs (runtime.ts eventsDueAt). */
  eventsRanAt: number;
  /** The D1 contact of a 1:1 conversation, and the profile fingerprint last written to it. */
  contact: { contactId: string; synced?: string };
  searchSeq: number;
  searchTitle: string;
  searchTitleRowid: number;
  loadingShownAt: number;
  schemaMigrations: number;
  /** The automation listener's state (older than `listener:<name>` keys, so it keeps its key). */
  automation: JsonObject;
  /** An answer this conversation asked for (a CSAT rating, then its comment): see awaited.ts. */
  awaitedAnswer: AwaitedAnswer;
  /** The CSAT survey in progress (src/csat/survey.ts) and the thread line it last checked for an agent's answer. */
  csat: JsonObject;
  csatSinceSeq: number;
  /** SLA clocks (src/sla/timers.ts) and what the D1 index shows of them. */
  sla: JsonObject;
  slaIndex: { dueAt: number | null; breachedAt: number | null };
}

/** A listener's own state (ConversationPort.readState / writeState). */
export type ListenerStateKey = `listener:${string}`;
export type MetaKey = keyof MetaValues | ListenerStateKey;
export type MetaValue<K extends MetaKey> = K extends keyof MetaValues ? MetaValues[K] : JsonValue;

/** A row of the events table: the event, and the listeners already done with it. */
export interface EventJob {
  event: DomainEvent;
  done: string[];
}


export interface JobPayloads {
  profile: { lineUserId: string };
  content: { messageId: string };
  index: Record<string, never>;
  markAsRead: { token: string };
  wake: { until: number };
  deliver: { messageId: string };
  timer: TimerJob;
  /** A CSAT comment window passed (src/csat/). */
  "csat-close": { responseId: string };
  /** An SLA target is due (src/sla/). */
  sla: Record<string, never>;
}

export type JobKind = keyof JobPayloads;

export type TypedJob = { [K in JobKind]: { kind: K; payload: JobPayloads[K] } }[JobKind];

const json: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));

const payloadSchemas = {
  profile: z.object({ lineUserId: z.string().min(1) }),
  content: z.object({ messageId: z.string().min(1) }),
  index: z.object({}).strip().transform(() => ({}) as Record<string, never>),
  markAsRead: z.object({ token: z.string().min(1) }),
  wake: z.object({ until: z.number() }).partial({ until: true }).transform((p) => ({ until: p.until ?? 0 })),
  deliver: z.object({ messageId: z.string().min(1) }),
  timer: z.object({ listener: z.string().min(1), key: z.string().min(1), data: json.default(null) }),
  "csat-close": z.object({ responseId: z.string().min(1) }),
  sla: z.object({}).strip().transform(() => ({}) as Record<string, never>),
} satisfies { [K in JobKind]: z.ZodType<JobPayloads[K], unknown> };

/**
 * Jobs older code queued under kinds that are now timers of the automation
 * listener (they may still sit in a conversation's outbox after a deploy).
 */
const LEGACY_TIMERS: Record<string, string> = { automation: "run", "auto-resolve": "auto-resolve", "automation-observe": "observe" };

/** A stored job as its typed kind and payload; null for a kind or payload this code does not know. */
export function parseJob(kind: string, payload: string): TypedJob | null {
  const legacy = LEGACY_TIMERS[kind];
  if (legacy) return { kind: "timer", payload: { listener: "automation", key: legacy, data: null } };
  if (!(kind in payloadSchemas)) return null;
  const raw = readJson(payload);
  if (raw === undefined) return null;
  const parsed = payloadSchemas[kind as JobKind].safeParse(raw);
  return parsed.success ? ({ kind, payload: parsed.data } as TypedJob) : null;
}

/**
 * A stored event job; null when it is not one this code can read. Events are written by
 * emit() only: the envelope is checked by hand and the event passed on as parsed (the
 * busiest row there is: a zod object with passthrough copied every event).
 */
export function parseEventJob(payload: string): EventJob | null {
  const raw = readJson(payload);
  return isEventJob(raw) ? raw : null;
}

/** A stored payload parsed; undefined when it is not JSON (which never parses to undefined). */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An event job's envelope: the event's id and type, and the listeners already done with it. */
function isEventJob(raw: unknown): raw is EventJob {
  if (typeof raw !== "object" || raw === null) return false;
  const { event, done } = raw as { event?: unknown; done?: unknown };
  if (typeof event !== "object" || event === null) return false;
  const { id, type } = event as { id?: unknown; type?: unknown };
  return typeof id === "string" && typeof type === "string" && Array.isArray(done) && done.every((d) => typeof d === "string");
}
