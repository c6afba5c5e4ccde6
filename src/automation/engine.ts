// The automation engine, run by the automation listener (listener.ts) from a
// conversation's outbox right after the webhook is acknowledged, when a
// customer wrote or followed. It answers every trigger in the thread it has not
// handled yet (inbound customer messages and follows; never standby ones, never
// agents' or automated messages) in one go: it reads the thread for agent
// answers first, decides what to say (decide.ts), commits those decisions to
// its state, then sends (send.ts): the first LINE call with the fresh reply
// token, so most automated answers are free. It sees the conversation only
// through the port.
import type { ThreadMessage } from "../conversations/model";
import type { ConversationPort, ConversationSummary } from "../conversations/port";
import { conversationParts, type Facts, greetingPart, keywordParts } from "./decide";
import { isOpenAt } from "./hours";
import { admit, LOOP_WINDOW_MS } from "./loop-guard";
import { observeThread, recordObservation } from "./observe";
import { agentsOnline, joinQueue, noteAutomationActivity, recordQueueMessage } from "./queue";
import { scheduleAutoResolve } from "./resolve";
import { partTexts, type Part, sendParts } from "./send";
import { type ChannelAutomation, loadChannelAutomation, scheduleOf } from "./settings";
import { AUTOMATION_NAME, type AutomationState, isFollow, loadState, saveState } from "./state";

/** How far back one run looks for triggers it has not handled (one webhook's batch fits easily). */
const TRIGGER_LOOKBACK = 200;

/**
 * Events LINE delivers late (redelivery after an outage) are not answered
 * automatically past this age: the answer would come out of the blue, and pushed.
 */
const STALE_TRIGGER_MS = 15 * 60_000;

export async function runAutomations(d1: D1Database, port: ConversationPort): Promise<void> {
  const summary = port.summary();
  const config = await loadChannelAutomation(d1, summary.channelId);
  const state = loadState(port);
  await recordObservation(d1, port, state, observeThread(port, state));
  if (config) {
    if (!summary.standby) await answer(d1, port, config, state);
    scheduleAutoResolve(port, config.settings, state);
  }
  saveState(port, state);
}

/**
 * Customer messages and follows after the last line handled, oldest first. Every
 * line looked at counts as handled (stale or standby ones, and answers to a
 * survey, are deliberately left unanswered), so the next event's run starts after them.
 */
function newTriggers(port: ConversationPort, state: AutomationState, now: number): ThreadMessage[] {
  // Only the lines after the last handled one (usually one or two), and never more than the newest TRIGGER_LOOKBACK.
  const from = Math.max(state.handledSeq, port.summary().latestSeq - TRIGGER_LOOKBACK);
  const lines = port.messagesAfter(from, TRIGGER_LOOKBACK).filter((m) => m.seq > state.handledSeq);
  const triggers = lines.filter((m) => !m.standby && !m.answer && (m.direction === "inbound" || isFollow(m)) && now - m.createdAt < STALE_TRIGGER_MS);
  const newest = lines.at(-1);
  if (newest) state.handledSeq = Math.max(state.handledSeq, newest.seq);
  return triggers;
}

async function answer(d1: D1Database, port: ConversationPort, config: ChannelAutomation, state: AutomationState): Promise<void> {
  const meta = port.summary();
  const triggers = newTriggers(port, state, Date.now());
  if (!triggers.length) return;
  const facts = factsFor(d1, port, meta, config);
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
    const before = previousActivity(port, first.seq);
    const quietBreak = before === null || first.createdAt - before >= config.settings.quietMinutes * 60_000;
    const decided = await conversationParts(config, state, first, quietBreak, facts);
    parts.push(...decided.parts);
    queue = decided.queue;
    if (decided.joinQueue && state.awaitingSince !== null) {
      await joinQueue(d1, { conversationId: meta.id, workspaceId: meta.workspaceId, channelId: meta.channelId, waitingSince: state.awaitingSince });
      state.inQueue = true;
    }
  }
  const { admitted, paused } = admit(state, parts.map((p) => ({ ...p, texts: partTexts(p) })), facts.now);
  // Decisions are durable before anything is sent: a retried run never answers twice.
  saveState(port, state);
  if (paused) {
    const by = { id: null, name: AUTOMATION_NAME, origin: { kind: "automation" as const, rule: "loop-guard" } };
    await port.note(`Automatic replies paused for ${LOOP_WINDOW_MS / 60_000} minutes in this conversation: too many in a row (loop protection).`, by);
  }
  if (!admitted.length) return;
  const sent = await sendParts(d1, port, admitted);
  const at = sent.at(-1)?.createdAt;
  if (at !== undefined && state.inQueue) {
    const queueSent = queue !== null && admitted.some((p) => p.name === "Queue position");
    if (queueSent && queue) await recordQueueMessage(d1, meta.id, { position: queue.position, waitMs: queue.waitMs, at, countsAsUpdate: false });
    else await noteAutomationActivity(d1, meta.id, at);
  }
}

function factsFor(d1: D1Database, port: ConversationPort, meta: ConversationSummary, config: ChannelAutomation): Facts {
  const now = Date.now();
  const schedule = scheduleOf(config.settings, config.holidays);
  let online: Promise<number> | null = null;
  return {
    now,
    open: isOpenAt(schedule, now),
    schedule,
    oneToOne: meta.oneToOne,
    conversationId: meta.id,
    channelName: config.channelName,
    language: config.language,
    d1,
    agentsOnline: () => (online ??= agentsOnline(d1, meta.workspaceId)),
    contactName: (lineUserId) => contactName(port, lineUserId),
  };
}

/** The customer's display name; fetched from LINE when the profile job has not run yet. */
async function contactName(port: ConversationPort, lineUserId: string | null): Promise<string> {
  if (!lineUserId) return "";
  try {
    return (await port.profile(lineUserId))?.displayName ?? "";
  } catch {
    return ""; // a greeting without the name beats no greeting
  }
}

/** createdAt of the last thing said (by anyone) before `seq`, or null for a first message. */
function previousActivity(port: ConversationPort, seq: number): number | null {
  const before = port.messagesBefore(seq, 20);
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i];
    if (m && (m.direction === "inbound" || m.direction === "outbound")) return m.createdAt;
  }
  return null;
}
