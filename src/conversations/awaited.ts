// Answers a conversation asked for (a survey's rating buttons, then its optional
// comment): while one is awaited, the customer's tap on a postback with the
// given prefix — and, until `textUntil`, their next text — is an answer, not a
// new request. It is stored and emitted like any message, but it does not count
// as unread, does not reopen a resolved conversation and does not trigger
// automations (away messages, keyword replies). Set by the feature that asked
// (src/csat/) through `awaitAnswer`.
import type { IngestPlan } from "./ingest";
import type { ConversationRuntime } from "./runtime";

export interface AwaitedAnswer {
  /** Postback data starting with this is an answer (until `until`). */
  postbackPrefix: string;
  until: number;
  /** Until then, a text message is an answer too (null: only postbacks). */
  textUntil: number | null;
}

const KEY = "awaitedAnswer" as const;

/** Starts (or with null, stops) awaiting an answer in this conversation. */
export function awaitAnswer(rt: ConversationRuntime, awaited: AwaitedAnswer | null): void {
  rt.store.setMeta(KEY, awaited);
}

export function awaitedAnswer(rt: ConversationRuntime): AwaitedAnswer | null {
  return rt.store.getMeta(KEY);
}

/** True when this stored event answers what the conversation awaits. */
export function isAwaitedAnswer(awaited: AwaitedAnswer | null, plan: Pick<IngestPlan, "body">, at: number): boolean {
  if (!awaited || at > awaited.until) return false;
  if (plan.body.type === "postback") return plan.body.data.startsWith(awaited.postbackPrefix);
  return plan.body.type === "text" && awaited.textUntil !== null && at <= awaited.textUntil;
}
