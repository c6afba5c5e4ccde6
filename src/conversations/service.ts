// What routes (inbox and API) call to act on a conversation: they pass a
// conversation row already checked against the caller's workspace.
import type { Bindings } from "../env";
import type { LineMessage } from "../line/client";
import type { ThreadMessage } from "./model";

export const MAX_TEXT_LENGTH = 5000;
/** LINE limits sender.name to 20 characters. */
const SENDER_NAME_MAX = 20;

export function conversationStub(env: Bindings, conversationId: string) {
  return env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(conversationId));
}

/** Sends a text reply as `agent` (reply token when fresh, else push) and returns the stored message. */
export async function sendText(env: Bindings, conversationId: string, agent: { id: string | null; name: string }, text: string): Promise<ThreadMessage> {
  const message: LineMessage = { type: "text", text, sender: { name: agent.name.slice(0, SENDER_NAME_MAX) } };
  return conversationStub(env, conversationId).send({ agent, messages: [message], preview: { type: "text", text } });
}
