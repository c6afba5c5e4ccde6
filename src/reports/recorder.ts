// The reports' domain-event listener (registered in src/listeners.ts): the events
// of a run add to the hourly and daily rollups in one D1 batch that starts by
// marking them counted and rolls back whole if one already was — so a redelivered
// event (listeners are at least once) changes nothing.
import type { DomainEvent, Listener, ListenerContext } from "../conversations/events";
import { isOpenAt } from "../automation/hours";
import { loadChannelAutomation, scheduleOf } from "../automation/settings";
import { ALWAYS, type Fact, factStatements, mergeFacts } from "./cube";
import { type Clock, type ConversationSnapshot, effectOf } from "./facts";
import { safeZone } from "./zone";

const EVENTS = ["message.received", "message.sent", "message.failed", "conversation.opened", "conversation.assigned", "conversation.resolved", "conversation.reopened", "contact.followed", "contact.unfollowed", "csat.rated", "sla.recorded"] as const;

interface SnapshotRows {
  /** Events counted before (a retried event job): nothing to do for them. */
  seen: Set<string>;
  zone: string;
  snapshot: ConversationSnapshot;
}

/** The tags a conversation counts under: its own and its contact's (one tag concept). */
export const CONVERSATION_TAGS_SQL = `SELECT tag_id FROM conversation_tags WHERE conversation_id = ?1
  UNION SELECT ct.tag_id FROM contact_tags ct JOIN conversations c ON c.contact_id = ct.contact_id WHERE c.id = ?1`;

async function readSnapshot(d1: D1Database, events: DomainEvent[], contactId: string | null): Promise<SnapshotRows> {
  const event = events[0] as DomainEvent;
  // One round trip: the "counted before?" check rides along with the reads.
  const [seen, ws, conv, tags, clock, contact] = await d1.batch([
    d1.prepare("SELECT event_id FROM report_events_seen WHERE event_id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(events.map((e) => e.id))),
    d1.prepare("SELECT time_zone FROM workspaces WHERE id = ?").bind(event.workspaceId),
    d1.prepare("SELECT channel_id, team_id, assignee_id FROM conversations WHERE id = ?").bind(event.conversationId),
    d1.prepare(CONVERSATION_TAGS_SQL).bind(event.conversationId),
    d1.prepare("SELECT awaiting_since, awaiting_first, opened_at FROM report_conversation_clocks WHERE conversation_id = ?").bind(event.conversationId),
    d1.prepare("SELECT language FROM contacts WHERE id = ?").bind(contactId ?? ""),
  ]);
  const c = conv?.results[0] as { channel_id: string; team_id: string | null; assignee_id: string | null } | undefined;
  const k = clock?.results[0] as { awaiting_since: number | null; awaiting_first: number; opened_at: number | null } | undefined;
  return {
    seen: new Set(((seen?.results ?? []) as Array<{ event_id: string }>).map((r) => r.event_id)),
    zone: safeZone((ws?.results[0] as { time_zone?: string } | undefined)?.time_zone),
    snapshot: {
      channelId: c?.channel_id ?? event.channelId,
      teamId: c?.team_id ?? null,
      assigneeId: c?.assignee_id ?? null,
      tagIds: ((tags?.results ?? []) as Array<{ tag_id: string }>).map((r) => r.tag_id),
      contactLanguage: (contact?.results[0] as { language: string | null } | undefined)?.language ?? null,
      clock: k ? { awaitingSince: k.awaiting_since, awaitingFirst: k.awaiting_first === 1, openedAt: k.opened_at } : null,
    },
  };
}

/** Inside the channel's business hours at that instant (a channel without hours counts as always open). */
export async function withinBusinessHours(d1: D1Database, channelId: string, at: number): Promise<boolean> {
  const config = await loadChannelAutomation(d1, channelId);
  if (!config) return true;
  return isOpenAt(scheduleOf(config.settings, config.holidays), at);
}

/** Counts one event into the rollups, once. Exported for the tests and the backfill's parity checks. */
export async function recordEvent(d1: D1Database, event: DomainEvent, contactId: string | null = event.contactId): Promise<void> {
  await recordEvents(d1, [event], contactId);
}

/** Attempts of one write before a concurrent one (that counted some of the same events) is given up on. */
const CLAIM_ATTEMPTS = 3;

/**
 * A conversation's snapshot as its last write left it, kept in its object's memory
 * (ListenerContext.memory), so the next run within SNAPSHOT_TTL_MS of the read skips
 * the read batch: a busy chat's run then costs one D1 round trip instead of two. The
 * response clock in it is exact (only this conversation's runs write it); its tags,
 * team, assignee, zone and contact language are at most SNAPSHOT_TTL_MS old (an
 * assignment or a tag change in a run drops it, so the next run reads them again).
 */
interface KeptSnapshot {
  readAt: number;
  contactId: string | null;
  zone: string;
  snapshot: ConversationSnapshot;
}
export const SNAPSHOT_TTL_MS = 5_000;
const MEMORY_KEY = "reports-rollups";
/** Runs of only these events leave the snapshot's dimensions as they were read. */
const KEEPS_SNAPSHOT: ReadonlySet<string> = new Set(["message.received", "message.sent", "message.failed"]);

function keptSnapshot(memory: Map<string, unknown> | undefined, contactId: string | null, now: number): KeptSnapshot | null {
  const kept = memory?.get(MEMORY_KEY) as KeptSnapshot | undefined;
  // Whatever happens next, only a completed write keeps a snapshot again.
  memory?.delete(MEMORY_KEY);
  if (!kept || kept.contactId !== contactId || now < kept.readAt || now - kept.readAt > SNAPSHOT_TTL_MS) return null;
  return { ...kept, snapshot: { ...kept.snapshot, tagIds: [...kept.snapshot.tagIds] } };
}

/**
 * Counts events of ONE conversation (oldest first), each once: one read batch and
 * one write batch for all of them. Each event's effect starts from the clock the
 * previous one left, as if they had been recorded one by one; facts that land in
 * the same cells are added up into one statement. The write batch first claims
 * every event (report_events_seen): when another write counted one of them in
 * the meantime, the claim fails, the whole batch rolls back, and it is worked out
 * again without the events now counted.
 */
export async function recordEvents(d1: D1Database, events: DomainEvent[], contactId: string | null, memory?: Map<string, unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await countOnce(d1, events, contactId, memory);
      return;
    } catch (error) {
      if (attempt >= CLAIM_ATTEMPTS || !isClaimConflict(error)) throw error;
    }
  }
}

function isClaimConflict(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: report_events_seen/i.test(error.message);
}

async function countOnce(d1: D1Database, all: DomainEvent[], contactId: string | null, memory?: Map<string, unknown>): Promise<void> {
  if (!all.length) return;
  const now = Date.now();
  // A kept snapshot has no "counted before?" answer: the claim below still refuses a counted
  // event, and the retry after that (the snapshot dropped) reads it from D1.
  const kept = keptSnapshot(memory, contactId, now);
  let plan: CountPlan | null;
  if (kept) plan = await planCount(d1, all, kept);
  else {
    const { seen, ...read } = await readSnapshot(d1, all, contactId);
    plan = await planCount(d1, all, { ...read, readAt: now, contactId }, seen);
  }
  if (!plan) return;
  await d1.batch(plan.statements);
  if (memory && plan.keep) memory.set(MEMORY_KEY, plan.keep);
}

/** A count worked out, not yet written: its write batch, and the snapshot to keep once it is written. */
interface CountPlan {
  statements: D1PreparedStatement[];
  keep: KeptSnapshot | null;
}

/** The write batch that counts `all` from `read`, but those `seen` (null: all of them were counted before). */
async function planCount(d1: D1Database, all: DomainEvent[], read: KeptSnapshot, seen: ReadonlySet<string> = new Set()): Promise<CountPlan | null> {
  const { zone, snapshot, readAt, contactId } = read;
  const events = [...new Map(all.filter((e) => !seen.has(e.id)).map((e) => [e.id, e])).values()];
  const first = events[0];
  if (!first) return null;
  const facts: Fact[] = [];
  let clock: { event: DomainEvent; clock: Clock } | null = null;
  let opened = false;
  for (const event of events) {
    const effect = effectOf(event, snapshot);
    if (effect.responseStartedAt !== undefined) {
      const inside = await withinBusinessHours(d1, snapshot.channelId, effect.responseStartedAt);
      for (const f of effect.facts) if (f.family === "durations") f.businessHours = inside;
    }
    facts.push(...effect.facts);
    if (effect.clock) {
      opened ||= event.type === "conversation.opened" && event.data.reason === "created";
      clock = { event, clock: effect.clock };
      snapshot.clock = effect.clock;
    }
  }
  const claimed = events.map((e) => [e.id, e.at]);
  const statements = [
    // Fails (and rolls the batch back) when any of them was counted since the read above.
    d1.prepare("INSERT INTO report_events_seen (event_id, workspace_id, at) SELECT json_extract(value, '$[0]'), ?, json_extract(value, '$[1]') FROM json_each(?)").bind(first.workspaceId, JSON.stringify(claimed)),
    ...factStatements(d1, first.workspaceId, zone, mergeFacts(facts, zone), ALWAYS),
    ...(clock ? [clockStatement(d1, clock.event, clock.clock, opened)] : []),
    d1.prepare("INSERT OR IGNORE INTO report_workspaces (workspace_id, live_since) VALUES (?, ?)").bind(first.workspaceId, first.at),
  ];
  return { statements, keep: events.every((e) => KEEPS_SNAPSHOT.has(e.type)) ? { readAt, contactId, zone, snapshot } : null };
}

/** The conversation's clock as the last event left it; `created`: one of them opened it for the first time. */
function clockStatement(d1: D1Database, event: DomainEvent, clock: Clock, created: boolean): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO report_conversation_clocks (conversation_id, workspace_id, awaiting_since, awaiting_first, opened_at, opened_counted, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET awaiting_since = excluded.awaiting_since, awaiting_first = excluded.awaiting_first, opened_at = excluded.opened_at,
         opened_counted = max(opened_counted, excluded.opened_counted), updated_at = excluded.updated_at`,
    )
    .bind(event.conversationId, event.workspaceId, clock.awaitingSince, clock.awaitingFirst ? 1 : 0, clock.openedAt, created ? 1 : 0, event.at);
}

async function contactOf(event: DomainEvent, ctx: ListenerContext): Promise<string | null> {
  const needsContact = event.type === "contact.followed" || event.type === "contact.unfollowed";
  return event.contactId ?? (needsContact ? await ctx.contactId() : null);
}

/** One conversation's run, so one contact: the newest event that knows it (or asks, for follows). */
async function runContact(items: Array<{ event: DomainEvent; ctx: ListenerContext }>): Promise<string | null> {
  let contact: string | null = null;
  for (const { event, ctx } of items) contact = (await contactOf(event, ctx)) ?? contact;
  return contact;
}

/** Not counted; they only mean the tags a kept snapshot holds are out of date. */
const TAG_EVENT_TYPES = ["tag.added", "tag.removed"] as const;
const TAG_EVENTS: ReadonlySet<string> = new Set(TAG_EVENT_TYPES);

export const reportsListener: Listener = {
  name: "reports-rollups",
  events: [...EVENTS, ...TAG_EVENT_TYPES],
  async handle(event, ctx) {
    if (TAG_EVENTS.has(event.type)) return void ctx.memory.delete(MEMORY_KEY);
    await recordEvents(ctx.env.DB, [event], await contactOf(event, ctx), ctx.memory);
  },
  async handleBatch(all) {
    // A tag change in the run: the next count reads the conversation's tags again.
    if (all.some((i) => TAG_EVENTS.has(i.event.type))) all[0]?.ctx.memory.delete(MEMORY_KEY);
    const items = all.filter((i) => !TAG_EVENTS.has(i.event.type));
    const first = items[0];
    if (!first) return;
    await recordEvents(first.ctx.env.DB, items.map((i) => i.event), await runContact(items), first.ctx.memory);
  },
  // A busy chat's run of messages, counted from the kept snapshot: its write needs no read,
  // so it rides in the index batch. A failed batch dropped the snapshot: the usual path reads.
  async prepareWrites(items) {
    const first = items[0];
    if (!first || items.some((i) => !KEEPS_SNAPSHOT.has(i.event.type))) return null;
    const { memory, env } = first.ctx;
    const kept = keptSnapshot(memory, await runContact(items), Date.now());
    if (!kept) return null;
    const plan = await planCount(env.DB, items.map((i) => i.event), kept);
    if (!plan) return { statements: [], written: () => undefined };
    return { statements: plan.statements, written: () => void (plan.keep && memory.set(MEMORY_KEY, plan.keep)) };
  },
};
