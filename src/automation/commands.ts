// What the cron asks one conversation to do over RPC (ConversationDO#automation):
// "we're open again" after an opening, a queue position update, a check whether
// the customer is still waiting, and the auto-resolve sweep's check. Each
// command re-checks the conversation's own state first: the cron's view from
// D1 may be a little behind.
import type { JobResult } from "../conversations/outbox-jobs";
import type { ConversationRuntime } from "../conversations/runtime";
import { admit } from "./loop-guard";
import { observeThread, recordObservation } from "./observe";
import { waitText } from "./customer-text";
import { leaveQueue, noteAutomationActivity, queueRow, QUEUE_UPDATE_GAP_MS, recordQueueMessage } from "./queue";
import { fillDefinition, textReply } from "./replies";
import { autoResolveIfDue, scheduleAutoResolve } from "./resolve";
import { partTexts, type Part, sendParts } from "./send";
import { type ChannelAutomation, loadChannelAutomation } from "./settings";
import { type AutomationState, loadState, saveState } from "./state";

export type AutomationCommand =
  | { kind: "opened"; since: number }
  | { kind: "queue"; position: number; waitMs: number | null; now: number }
  | { kind: "sync" }
  | { kind: "auto-resolve"; now: number };

export interface AutomationCommandResult {
  sent?: boolean;
  resolved?: boolean;
  /** Still waiting for an agent (in the queue). */
  waiting?: boolean;
}

/** The outbox job "automation-observe" (queued after an agent's message): record the answer, arm the timer. */
export async function observeJob(rt: ConversationRuntime): Promise<JobResult> {
  await runAutomationCommand(rt, { kind: "sync" });
  return {};
}

export async function runAutomationCommand(rt: ConversationRuntime, command: AutomationCommand): Promise<AutomationCommandResult> {
  const meta = rt.meta();
  if (!meta) return {};
  if (command.kind === "auto-resolve") return { resolved: await autoResolveIfDue(rt, command.now) };
  const config = await loadChannelAutomation(rt.env.DB, meta.channelId);
  const state = loadState(rt);
  await recordObservation(rt, state, observeThread(rt, state));
  // Snoozed or resolved conversations wait for nobody.
  if (state.inQueue && rt.triage().status !== "open" && rt.triage().status !== "follow_up") {
    await leaveQueue(rt.env.DB, meta.id);
    state.inQueue = false;
  }
  if (config) scheduleAutoResolve(rt, config.settings, state);
  saveState(rt, state);
  await rt.scheduleAlarm();
  const waiting = state.inQueue && state.awaitingSince !== null;
  // Nothing goes to a customer who blocked the account (a push would only fail).
  const blocked = rt.store.getMeta<string>("friendStatus") === "unfollowed";
  if (!config || command.kind === "sync" || blocked || rt.store.getMeta<string>("mode") === "standby" || meta.source.type !== "user") return { waiting };
  const now = Date.now();
  const part = command.kind === "opened" ? await openAgainPart(rt, config, state, command.since) : await queuePart(rt, config, state, command, now);
  if (!part) return { waiting };
  const { admitted } = admit(state, [{ ...part, texts: partTexts(part) }], now);
  saveState(rt, state);
  if (!admitted.length) return { waiting };
  const sent = await sendParts(rt, admitted);
  const at = sent.at(-1)?.createdAt ?? now;
  if (command.kind === "queue") await recordQueueMessage(rt.env.DB, meta.id, { position: command.position, waitMs: command.waitMs, at, countsAsUpdate: true });
  else if (state.inQueue) await noteAutomationActivity(rt.env.DB, meta.id, at);
  return { sent: sent.length > 0, waiting };
}

async function contactName(rt: ConversationRuntime): Promise<string> {
  const source = rt.requireMeta().source;
  return source.type === "user" && source.userId ? rt.store.member(source.userId)?.displayName ?? "" : "";
}

/** "We're open again" for a customer who wrote while closed and has had no answer since. */
async function openAgainPart(rt: ConversationRuntime, config: ChannelAutomation, state: AutomationState, since: number): Promise<Part | null> {
  const s = config.settings;
  const wrote = state.closedInboundAt;
  if (!s.openAgainEnabled || !s.openAgainText.trim() || wrote === null || wrote < since) return null;
  if ((state.openAgainSentAt ?? 0) >= wrote || (state.lastAgentAt ?? 0) >= wrote) return null;
  state.openAgainSentAt = Date.now();
  return { name: "We're open again", def: fillDefinition(textReply(s.openAgainText), { contactName: await contactName(rt), channelName: config.channelName }) };
}

async function queuePart(rt: ConversationRuntime, config: ChannelAutomation, state: AutomationState, update: { position: number; waitMs: number | null; now: number }, now: number): Promise<Part | null> {
  const s = config.settings;
  if (!s.queueEnabled || !s.queueText.trim() || !state.inQueue || state.awaitingSince === null) return null;
  const row = await queueRow(rt.env.DB, rt.requireMeta().id);
  if (!row || row.lastSentAt === null || row.updatesSent >= s.queueMaxUpdates) return null;
  if (Math.max(update.now, now) - row.lastSentAt < QUEUE_UPDATE_GAP_MS) return null;
  const part = {
    name: "Queue update",
    def: fillDefinition(textReply(s.queueText), { contactName: await contactName(rt), channelName: config.channelName, position: update.position, wait: waitText(update.waitMs, config.language) }),
  };
  return partTexts(part).length ? part : null;
}
