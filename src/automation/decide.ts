// Which automated messages a batch of new customer messages and follows
// deserves: the greeting, keyword replies and the keyword list, and per
// conversation the away message (closed), the no-agent message (open, nobody
// online) or the queue position (open, agents online). Decisions update the
// conversation's automation state; sending is someone else's job (send.ts).
import type { ThreadMessage } from "../conversations/model";
import type { LanguageCode } from "../lib/locales";
import { nextOpenText, waitText } from "./customer-text";
import { nextChange, openedBetween, type Schedule } from "./hours";
import { isEcho } from "./loop-guard";
import { matchKeyword, normalizeText } from "./match";
import { expectedWait, queuePosition, typicalFirstResponse } from "./queue";
import { fillDefinition, type TemplateValues, textReply } from "./replies";
import type { Part } from "./send";
import type { ChannelAutomation, KeywordRule } from "./settings";
import { type AutomationState, isUnblock } from "./state";

export interface Facts {
  now: number;
  open: boolean;
  schedule: Schedule;
  /** A 1:1 chat (greeting, away, no-agent and queue messages are for 1:1 chats only). */
  oneToOne: boolean;
  conversationId: string;
  channelName: string;
  /** The workspace's language, for {{next_open}} and {{wait}}. */
  language: LanguageCode;
  contactName(lineUserId: string | null): Promise<string>;
  agentsOnline(): Promise<number>;
  d1: D1Database;
}

/** A queue message that went out: recorded on the queue row after sending. */
export interface QueueNote {
  position: number;
  waitMs: number | null;
}

const LABEL_MAX = 20;

async function values(facts: Facts, lineUserId: string | null, extra: TemplateValues = {}): Promise<TemplateValues> {
  const next = facts.open ? null : nextChange(facts.schedule, facts.now, true);
  return {
    contactName: await facts.contactName(lineUserId),
    channelName: facts.channelName,
    nextOpen: nextOpenText(next, facts.schedule.timeZone, facts.language),
    ...extra,
  };
}

function ruleActive(rule: KeywordRule, open: boolean): boolean {
  return rule.activeWindow === "always" || (rule.activeWindow === "in_hours" ? open : !open);
}

export async function greetingPart(config: ChannelAutomation, state: AutomationState, follow: ThreadMessage, facts: Facts): Promise<Part | null> {
  const s = config.settings;
  const unblocked = isUnblock(follow);
  const firstFollow = state.follows === 0 && !unblocked;
  state.follows++;
  if (!s.greetingEnabled || !facts.oneToOne) return null;
  if (s.greetingFirstOnly && !firstFollow) return null;
  const text = unblocked && s.greetingUnblockedText.trim() ? s.greetingUnblockedText : s.greetingText;
  if (!text.trim()) return null;
  state.greetedAt = facts.now;
  return { name: unblocked ? "Greeting (unblocked)" : "Greeting", def: fillDefinition(textReply(text), await values(facts, follow.senderLineUserId)) };
}

/** The keyword list command's answer: the active keywords as quick-reply buttons. */
function keywordListPart(config: ChannelAutomation, open: boolean): Part | null {
  const seen = new Set<string>();
  const buttons: Array<{ label: string; text: string }> = [];
  for (const rule of config.rules) {
    if (!ruleActive(rule, open) || rule.matchMode === "regex") continue;
    const keyword = rule.keywords.find((k) => k.trim());
    if (!keyword || seen.has(normalizeText(keyword))) continue;
    seen.add(normalizeText(keyword));
    const label = [...keyword.trim()].length > LABEL_MAX ? `${[...keyword.trim()].slice(0, LABEL_MAX - 1).join("")}…` : keyword.trim();
    buttons.push({ label, text: keyword.trim() });
    if (buttons.length === 13) break;
  }
  if (!buttons.length) return null;
  const intro = config.settings.keywordListText.trim() || "Tap a keyword:";
  return { name: "Keyword list", def: textReply(intro, buttons) };
}

/** Keyword replies for the customer's texts: the first matching active rule per message, each rule once per batch. */
export async function keywordParts(config: ChannelAutomation, state: AutomationState, inbound: ThreadMessage[], facts: Facts): Promise<Part[]> {
  const parts: Part[] = [];
  const fired = new Set<string>();
  const command = config.settings.keywordListEnabled ? normalizeText(config.settings.keywordListCommand) : "";
  for (const m of inbound) {
    if (m.body.type !== "text" || isEcho(state, m.body.text, facts.now)) continue;
    if (command && normalizeText(m.body.text) === command) {
      const list = keywordListPart(config, facts.open);
      if (list && !fired.has("keyword-list")) {
        fired.add("keyword-list");
        parts.push(list);
      }
      continue;
    }
    const text = m.body.text;
    const rule = config.rules.find((r) => ruleActive(r, facts.open) && matchKeyword(r, text) !== null);
    if (!rule || fired.has(rule.id)) continue;
    fired.add(rule.id);
    parts.push({ name: `Keyword: ${rule.name}`, def: fillDefinition(rule.reply, await values(facts, m.senderLineUserId)) });
  }
  return parts;
}

/**
 * Away / no agent / queue for a customer who just wrote (1:1 chats). `quietBreak`:
 * the customer had been quiet for the configured period before this message.
 */
export async function conversationParts(
  config: ChannelAutomation,
  state: AutomationState,
  first: ThreadMessage,
  quietBreak: boolean,
  facts: Facts,
): Promise<{ parts: Part[]; queue: QueueNote | null; joinQueue: boolean }> {
  const s = config.settings;
  const parts: Part[] = [];
  if (!facts.oneToOne) return { parts, queue: null, joinQueue: false };
  const joinQueue = s.queueEnabled === 1 && state.awaitingSince !== null && !state.inQueue;
  if (!facts.open) {
    state.closedInboundAt = facts.now;
    // Once per closed period: again only after the customer was quiet a while, or the channel opened in between.
    const again = state.awaySentAt === null || quietBreak || openedBetween(facts.schedule, state.awaySentAt, facts.now);
    if (s.awayEnabled && s.awayText.trim() && again) {
      state.awaySentAt = facts.now;
      parts.push({ name: "Away message", def: fillDefinition(textReply(s.awayText), await values(facts, first.senderLineUserId)) });
    }
    return { parts, queue: null, joinQueue };
  }
  const agents = s.noAgentEnabled || s.queueEnabled ? await facts.agentsOnline() : 1;
  if (agents === 0) {
    const again = state.noAgentSentAt === null || quietBreak || (state.lastAgentAt ?? 0) > state.noAgentSentAt;
    if (s.noAgentEnabled && s.noAgentText.trim() && again) {
      state.noAgentSentAt = facts.now;
      parts.push({ name: "No agent available", def: fillDefinition(textReply(s.noAgentText), await values(facts, first.senderLineUserId)) });
    }
    return { parts, queue: null, joinQueue };
  }
  if (!joinQueue || !s.queueText.trim() || state.awaitingSince === null) return { parts, queue: null, joinQueue };
  const position = await queuePosition(facts.d1, { channelId: config.settings.channelId, waitingSince: state.awaitingSince, conversationId: facts.conversationId });
  const waitMs = expectedWait(position, await typicalFirstResponse(facts.d1, config.settings.channelId, facts.now), agents);
  parts.push({ name: "Queue position", def: fillDefinition(textReply(s.queueText), await values(facts, first.senderLineUserId, { position, wait: waitText(waitMs, facts.language) })) });
  return { parts, queue: { position, waitMs }, joinQueue };
}
