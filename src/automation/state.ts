// What a conversation remembers about its automations (the automation
// listener's state in the conversation, through the port): what was sent when,
// who is waiting since when, and the recent automated sends the loop guard
// counts. Also: telling automated messages apart from agents' in the thread —
// by the origin stored with each outbound message, not by display names.
import type { ThreadMessage } from "../conversations/model";
import type { ConversationPort } from "../conversations/port";
import type { JsonObject } from "../lib/json";

/** The listener's name: its state, timers and commands are addressed by it. */
export const AUTOMATION_LISTENER = "automation";

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

export function loadState(port: ConversationPort): AutomationState {
  const stored = port.readState(AUTOMATION_LISTENER);
  const known = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? (stored as Partial<AutomationState>) : {};
  return { ...EMPTY, ...known };
}

export function saveState(port: ConversationPort, state: AutomationState): void {
  port.writeState(AUTOMATION_LISTENER, state as unknown as JsonObject);
}

/**
 * Sent by automation or a workflow: the origin stored with the message says so.
 * Rows stored before messages carried an origin fall back to the old mark (no
 * agent id, a name starting with "Automation").
 */
export function isAutomated(m: Pick<ThreadMessage, "direction" | "agentId" | "agentName" | "origin">): boolean {
  if (m.direction !== "outbound") return false;
  if (m.origin) return m.origin.kind === "automation";
  return m.agentId === null && (m.agentName ?? "").startsWith(AUTOMATION_NAME);
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
