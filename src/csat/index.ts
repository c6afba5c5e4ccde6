// CSAT's public port: what a workflow step (or any feature) calls to survey a
// conversation's customer. The work runs inside the conversation's Durable
// Object (ConversationDO#csat, src/csat/survey.ts).
import { conversationStub } from "../conversations/service";
import type { Bindings } from "../env";
import type { SendOutcome, SurveyTrigger } from "./survey";

export type { SendOutcome, SurveyTrigger } from "./survey";

/**
 * Sends the CSAT survey in a conversation (a 1:1 chat). The repeat rule and
 * standby mode apply; the channel's "on resolve" switch does not (the caller
 * decided). Returns whether it was sent and, if so, by reply or push.
 */
export async function sendCsatSurvey(env: Bindings, conversationId: string, options: { trigger?: Exclude<SurveyTrigger, "resolve"> } = {}): Promise<SendOutcome> {
  const result = await conversationStub(env, conversationId).csat({ kind: "send", trigger: options.trigger ?? "workflow" });
  return "sent" in result ? result : { sent: false, reason: "not-user" };
}
