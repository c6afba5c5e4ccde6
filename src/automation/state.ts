// What a conversation remembers about its automations (ConversationDO meta
// "automation"): what was sent when, who is waiting since when, and the recent
// automated sends the loop guard counts. Also: telling automated messages
// apart from agents' in the thread.
import type { ThreadMessage } from "../conversations/model";
import type { ConversationRuntime } from "../conversations/runtime";

export const AUTOMATION_NAME = "Automation";

export interface RecentSend {
  at: number;
  rules: string[];
  /** Normalised texts we sent, to recognise an echo coming back. */
  texts: string[];
}

export interface AutomationState {
  /** Thread seq up to which messages were observed (agent answers, first responses). */
  seenSeq: number;
  /** Highest trigger seq already handled, so a retried run never answers twice. */
  handledSeq: number;
  /** createdAt of the customer's first unanswered message; null once an agent answered. */
  awaitingSince: number | null;
  lastAgentAt: number | null;
  awaySentAt: number | null;
  noAgentSentAt: number | null;
  /** The customer's latest message while the channel was closed (for "we're open again"). */
  closedInboundAt: number | null;
  openAgainSentAt: number | null;
  greetedAt: number | null;
  follows: number;
  inQueue: boolean;
  recent: RecentSend[];
  pausedAt: number | null;
}

const EMPTY: AutomationState = {
  seenSeq: 0,
  handledSeq: 0,
  awaitingSince: null,
  lastAgentAt: null,
  awaySentAt: null,
  noAgentSentAt: null,
  closedInboundAt: null,
  openAgainSentAt: null,
  greetedAt: null,
  follows: 0,
  inQueue: false,
  recent: [],
  pausedAt: null,
};

export function loadState(rt: ConversationRuntime): AutomationState {
  return { ...EMPTY, ...(rt.store.getMeta<Partial<AutomationState>>("automation") ?? {}) };
}

export function saveState(rt: ConversationRuntime, state: AutomationState): void {
  rt.store.setMeta("automation", state);
}

/** Sent by automation: no agent id and a name starting with "Automation" (see send.ts). */
export function isAutomated(m: Pick<ThreadMessage, "direction" | "agentId" | "agentName">): boolean {
  return m.direction === "outbound" && m.agentId === null && (m.agentName ?? "").startsWith(AUTOMATION_NAME);
}

/** An answer from a person (inbox, API): outbound, not automated, not refused by LINE. */
export function isAgentAnswer(m: ThreadMessage): boolean {
  return m.direction === "outbound" && !isAutomated(m) && m.status !== "failed";
}

/** A follow event that was an unblock (LINE's follow.isUnblocked, kept on the thread line). */
export function isUnblock(m: ThreadMessage): boolean {
  // Older threads stored only the line's text; newer follow events carry the flag.
  return m.body.type === "event" && m.body.event === "follow" && (m.body.unblocked ?? /^unblocked/i.test(m.body.text));
}

export function isFollow(m: ThreadMessage): boolean {
  return m.body.type === "event" && m.body.event === "follow";
}
