// Automation engine entry, called from a conversation's outbox right after the
// webhook is acknowledged, with the ids of the new inbound messages and follow
// events (never standby ones, never agents' or automated messages). It reads
// the thread for agent answers first, decides what to say (decide.ts), commits
// those decisions to the conversation's state, then sends (send.ts): the first
// LINE call with the fresh reply token, so most automated answers are free.
import type { ThreadMessage } from "../conversations/model";
import type { JobResult } from "../conversations/outbox-jobs";
import type { ConversationRuntime } from "../conversations/runtime";
import { newId } from "../lib/ids";
import { conversationParts, type Facts, greetingPart, keywordParts } from "./decide";
import { isOpenAt } from "./hours";
import { admit, LOOP_WINDOW_MS } from "./loop-guard";
import { observeThread, recordObservation } from "./observe";
import { agentsOnline, joinQueue, noteAutomationActivity, recordQueueMessage } from "./queue";
import { scheduleAutoResolve } from "./resolve";
import { partTexts, type Part, sendParts } from "./send";
import { type ChannelAutomation, loadChannelAutomation, scheduleOf } from "./settings";
import { AUTOMATION_NAME, type AutomationState, isFollow, loadState, saveState } from "./state";

/**
 * Events LINE delivers late (redelivery after an outage) are not answered
 * automatically past this age: the answer would come out of the blue, and pushed.
 */
const STALE_TRIGGER_MS = 15 * 60_000;

export async function runAutomations(rt: ConversationRuntime, messageIds: string[]): Promise<JobResult> {
  const meta = rt.meta();
  if (!meta) return {};
  const config = await loadChannelAutomation(rt.env.DB, meta.channelId);
  const state = loadState(rt);
  await recordObservation(rt, state, observeThread(rt, state));
  const created: ThreadMessage[] = [];
  if (config) {
    if (rt.store.getMeta<string>("mode") !== "standby") created.push(...(await answer(rt, config, state, messageIds)));
    scheduleAutoResolve(rt, config.settings, state);
  }
  saveState(rt, state);
  keepLaterTriggersScheduled(rt, messageIds);
  return { created };
}

async function answer(rt: ConversationRuntime, config: ChannelAutomation, state: AutomationState, messageIds: string[]): Promise<ThreadMessage[]> {
  const meta = rt.requireMeta();
  const triggers = messageIds
    .map((id) => rt.store.get(id))
    .filter((m): m is ThreadMessage => m !== null && !m.standby && m.seq > state.handledSeq && (m.direction === "inbound" || isFollow(m)) && Date.now() - m.createdAt < STALE_TRIGGER_MS)
    .sort((a, b) => a.seq - b.seq);
  const last = triggers.at(-1);
  if (!last) return [];
  state.handledSeq = last.seq;
  const facts = factsFor(rt, config);
  const parts: Part[] = [];
  for (const follow of triggers.filter(isFollow)) {
    const greeting = await greetingPart(config, state, follow, facts);
    if (greeting) parts.push(greeting);
  }
  const inbound = triggers.filter((m) => m.direction === "inbound");
  parts.push(...(await keywordParts(config, state, inbound, facts)));
  let queue: Awaited<ReturnType<typeof conversationParts>>["queue"] = null;
  const first = inbound[0];
  if (first) {
    const before = previousActivity(rt, first.seq);
    const quietBreak = before === null || first.createdAt - before >= config.settings.quietMinutes * 60_000;
    const decided = await conversationParts(config, state, first, quietBreak, facts);
    parts.push(...decided.parts);
    queue = decided.queue;
    if (decided.joinQueue && state.awaitingSince !== null) {
      await joinQueue(rt.env.DB, { conversationId: meta.id, workspaceId: meta.workspaceId, channelId: meta.channelId, waitingSince: state.awaitingSince });
      state.inQueue = true;
    }
  }
  const created: ThreadMessage[] = [];
  const { admitted, paused } = admit(state, parts.map((p) => ({ ...p, texts: partTexts(p) })), facts.now);
  if (paused) created.push(internalNote(rt, `Automatic replies paused for ${LOOP_WINDOW_MS / 60_000} minutes in this conversation: too many in a row (loop protection).`));
  // Decisions are durable before anything is sent: a retried run never answers twice.
  saveState(rt, state);
  if (!admitted.length) return created;
  const sent = await sendParts(rt, admitted);
  const at = sent.at(-1)?.createdAt;
  if (at !== undefined && state.inQueue) {
    const queueSent = queue !== null && admitted.some((p) => p.name === "Queue position");
    if (queueSent && queue) await recordQueueMessage(rt.env.DB, meta.id, { position: queue.position, waitMs: queue.waitMs, at, countsAsUpdate: false });
    else await noteAutomationActivity(rt.env.DB, meta.id, at);
  }
  return created;
}

function factsFor(rt: ConversationRuntime, config: ChannelAutomation): Facts {
  const meta = rt.requireMeta();
  const now = Date.now();
  const schedule = scheduleOf(config.settings, config.holidays);
  let online: Promise<number> | null = null;
  return {
    now,
    open: isOpenAt(schedule, now),
    schedule,
    oneToOne: meta.source.type === "user",
    conversationId: meta.id,
    channelName: config.channelName,
    language: config.language,
    d1: rt.env.DB,
    agentsOnline: () => (online ??= agentsOnline(rt.env.DB, meta.workspaceId)),
    contactName: (lineUserId) => contactName(rt, lineUserId),
  };
}

/** The customer's display name; fetched from LINE when the profile job has not run yet. */
async function contactName(rt: ConversationRuntime, lineUserId: string | null): Promise<string> {
  if (!lineUserId) return "";
  const known = rt.store.member(lineUserId)?.displayName;
  if (known) return known;
  const source = rt.requireMeta().source;
  const scope = source.type === "group" ? { type: "group" as const, id: source.groupId } : source.type === "room" ? { type: "room" as const, id: source.roomId } : { type: "user" as const, id: lineUserId };
  try {
    const { body } = await (await rt.lineClient()).profile(scope, lineUserId);
    rt.store.setProfile(lineUserId, { displayName: body.displayName, pictureUrl: body.pictureUrl ?? null, language: body.language ?? null }, Date.now());
    return body.displayName;
  } catch {
    return ""; // a greeting without the name beats no greeting
  }
}

/** createdAt of the last thing said (by anyone) before `seq`, or null for a first message. */
function previousActivity(rt: ConversationRuntime, seq: number): number | null {
  const before = rt.store.page(seq, 20);
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i];
    if (m && (m.direction === "inbound" || m.direction === "outbound")) return m.createdAt;
  }
  return null;
}

/** A private note from Automation: agents see why it went quiet; LINE never does. */
function internalNote(rt: ConversationRuntime, text: string): ThreadMessage {
  const now = Date.now();
  const id = newId("msg", now);
  rt.store.insert({ id, direction: "note", body: { type: "note", text }, agentId: null, agentName: AUTOMATION_NAME, status: "received", createdAt: now });
  rt.queueIndex(now);
  const line = rt.store.get(id);
  if (!line) throw new Error("system line vanished");
  return line;
}

/**
 * Messages that arrive while this run awaits LINE are added to the pending list
 * and re-queue the "automation" job, which the outbox then deletes when this run
 * finishes. A job with an id of its own makes sure they are answered too.
 */
function keepLaterTriggersScheduled(rt: ConversationRuntime, handled: string[]): void {
  const pending = rt.store.getMeta<string[]>("automationPending") ?? [];
  if (pending.some((id) => !handled.includes(id))) rt.store.enqueue(`automation:${newId("job")}`, "automation", {}, Date.now());
}
