// What the cron asks one conversation to do over RPC (ConversationDO#command,
// addressed to the automation listener):
// "we're open again" after an opening, a queue position update, a check whether
// the customer is still waiting, and the auto-resolve sweep's check. Each
// command re-checks the conversation's own state first: the cron's view from
// D1 may be a little behind.
import { z } from "zod";
import type { CommandResult } from "../conversations/events";
import type { ConversationPort } from "../conversations/port";
import { admit } from "./loop-guard";
import { observeThread, recordObservation } from "./observe";
import { waitText } from "./customer-text";
import { leaveQueue, noteAutomationActivity, queueRow, QUEUE_UPDATE_GAP_MS, recordQueueMessage } from "./queue";
import { fillDefinition, textReply } from "./replies";
import { autoResolveIfDue, scheduleAutoResolve } from "./resolve";
import { partTexts, type Part, sendParts } from "./send";
import { type ChannelAutomation, loadChannelAutomation } from "./settings";
import { type AutomationState, AUTOMATION_LISTENER, loadState, saveState } from "./state";

export const automationCommandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("opened"), since: z.number() }),
  z.object({ kind: z.literal("queue"), position: z.number().int(), waitMs: z.number().nullable(), now: z.number() }),
  z.object({ kind: z.literal("sync") }),
  z.object({ kind: z.literal("auto-resolve"), now: z.number() }),
]);

export type AutomationCommand = z.infer<typeof automationCommandSchema>;

const resultSchema = z.object({ sent: z.boolean().optional(), resolved: z.boolean().optional(), waiting: z.boolean().optional() });

export type AutomationCommandResult = z.infer<typeof resultSchema>;

/** The conversation's side of a command (ConversationDO#command), as the cron jobs call it. */
export async function sendAutomationCommand(stub: { command(listener: string, input: unknown): Promise<CommandResult> }, command: AutomationCommand): Promise<AutomationCommandResult> {
  return resultSchema.parse(await stub.command(AUTOMATION_LISTENER, command));
}

export async function runAutomationCommand(d1: D1Database, port: ConversationPort, command: AutomationCommand): Promise<AutomationCommandResult> {
  if (command.kind === "auto-resolve") return { resolved: await autoResolveIfDue(d1, port, command.now) };
  const meta = port.summary();
  const config = await loadChannelAutomation(d1, meta.channelId);
  const state = loadState(port);
  await recordObservation(d1, port, state, observeThread(port, state));
  // Snoozed or resolved conversations wait for nobody.
  if (state.inQueue && meta.triage.status !== "open" && meta.triage.status !== "follow_up") {
    await leaveQueue(d1, meta.id);
    state.inQueue = false;
  }
  if (config) scheduleAutoResolve(port, config.settings, state);
  saveState(port, state);
  const waiting = state.inQueue && state.awaitingSince !== null;
  // Nothing goes to a customer who blocked the account (a push would only fail).
  const blocked = meta.friendStatus === "unfollowed";
  if (!config || command.kind === "sync" || blocked || meta.standby || !meta.oneToOne) return { waiting };
  const now = Date.now();
  const part = command.kind === "opened" ? await openAgainPart(port, config, state, command.since) : await queuePart(d1, port, config, state, command, now);
  if (!part) return { waiting };
  const { admitted } = admit(state, [{ ...part, texts: partTexts(part) }], now);
  saveState(port, state);
  if (!admitted.length) return { waiting };
  const sent = await sendParts(d1, port, admitted);
  const at = sent.at(-1)?.createdAt ?? now;
  if (command.kind === "queue") await recordQueueMessage(d1, meta.id, { position: command.position, waitMs: command.waitMs, at, countsAsUpdate: true });
  else if (state.inQueue) await noteAutomationActivity(d1, meta.id, at);
  return { sent: sent.length > 0, waiting };
}

function contactName(port: ConversationPort): string {
  const lineUserId = port.summary().lineUserId;
  return lineUserId ? port.member(lineUserId)?.displayName ?? "" : "";
}

/** "We're open again" for a customer who wrote while closed and has had no answer since. */
async function openAgainPart(port: ConversationPort, config: ChannelAutomation, state: AutomationState, since: number): Promise<Part | null> {
  const s = config.settings;
  const wrote = state.closedInboundAt;
  if (!s.openAgainEnabled || !s.openAgainText.trim() || wrote === null || wrote < since) return null;
  if ((state.openAgainSentAt ?? 0) >= wrote || (state.lastAgentAt ?? 0) >= wrote) return null;
  state.openAgainSentAt = Date.now();
  return { name: "We're open again", def: fillDefinition(textReply(s.openAgainText), { contactName: contactName(port), channelName: config.channelName }) };
}

async function queuePart(d1: D1Database, port: ConversationPort, config: ChannelAutomation, state: AutomationState, update: { position: number; waitMs: number | null; now: number }, now: number): Promise<Part | null> {
  const s = config.settings;
  if (!s.queueEnabled || !s.queueText.trim() || !state.inQueue || state.awaitingSince === null) return null;
  const row = await queueRow(d1, port.conversationId);
  if (!row || row.lastSentAt === null || row.updatesSent >= s.queueMaxUpdates) return null;
  if (Math.max(update.now, now) - row.lastSentAt < QUEUE_UPDATE_GAP_MS) return null;
  const part = {
    name: "Queue update",
    def: fillDefinition(textReply(s.queueText), { contactName: contactName(port), channelName: config.channelName, position: update.position, wait: waitText(update.waitMs, config.language) }),
  };
  return partTexts(part).length ? part : null;
}
