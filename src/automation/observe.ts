// Reading the thread for what automation must know but is not told directly:
// when a customer started waiting, when an agent answered (a first response,
// recorded as a reporting event; the conversation leaves the queue), and when
// the inactivity auto-resolve timer is due. Idempotent: a cursor (seenSeq)
// makes every message count once however often this runs.
import { chunked } from "../db/bind-limit";
import { db, schema } from "../db/client";
import type { ConversationPort } from "../conversations/port";
import { newId } from "../lib/ids";
import { leaveQueue } from "./queue";
import { type AutomationState, isAgentAnswer } from "./state";

export interface Observation {
  firstResponses: Array<{ valueMs: number; at: number }>;
  /** An agent answered since the last observation. */
  answered: boolean;
}

const PAGE = 500;

/** Advances the cursor over new thread messages, updating `state` in place. */
export function observeThread(port: ConversationPort, state: AutomationState): Observation {
  const result: Observation = { firstResponses: [], answered: false };
  for (;;) {
    const batch = port.messagesAfter(state.seenSeq, PAGE);
    for (const m of batch) {
      state.seenSeq = m.seq;
      // A survey's rating or comment is an answer, not a request: nobody starts waiting for an agent.
      if (m.direction === "inbound" && !m.standby && !m.answer) {
        state.awaitingSince ??= m.createdAt;
      } else if (m.body.type === "activity" && m.body.action === "status" && / resolved /.test(m.body.text)) {
        // Resolved without an answer: nobody is waiting any more, and no first response is counted.
        state.awaitingSince = null;
      } else if (isAgentAnswer(m)) {
        result.answered = true;
        state.lastAgentAt = Math.max(state.lastAgentAt ?? 0, m.createdAt);
        if (state.awaitingSince !== null) {
          result.firstResponses.push({ valueMs: Math.max(0, m.createdAt - state.awaitingSince), at: m.createdAt });
          state.awaitingSince = null;
        }
      }
    }
    if (batch.length < PAGE) return result;
  }
}

/** Writes what an observation found to D1: first-response events, leaving the queue. */
export async function recordObservation(d1: D1Database, port: ConversationPort, state: AutomationState, found: Observation): Promise<void> {
  const meta = port.summary();
  if (found.firstResponses.length) {
    const rows = found.firstResponses.map((f) => ({
      id: newId("rev", f.at),
      workspaceId: meta.workspaceId,
      channelId: meta.channelId,
      conversationId: meta.id,
      kind: "first_response" as const,
      valueMs: f.valueMs,
      detail: null,
      createdAt: f.at,
    }));
    // Eight columns a row, 100 parameters a statement: twelve rows a statement (a backlog can find more).
    const d = db(d1);
    const [first, ...rest] = chunked(rows, 12).map((part) => d.insert(schema.reportingEvents).values(part));
    if (first) await d.batch([first, ...rest]);
  }
  if (state.inQueue && state.awaitingSince === null) {
    await leaveQueue(d1, meta.id);
    state.inQueue = false;
  }
}
