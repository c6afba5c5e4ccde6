// What routes (inbox and API) call to act on a conversation: they pass a
// conversation row already checked against the caller's workspace.
import type { Bindings } from "../env";
import type { LineMessage } from "../line/client";
import { senderFor } from "../line/sender";
import type { EventOrigin } from "./events";
import type { ThreadMessage } from "./model";

export const MAX_TEXT_LENGTH = 5000;

export function conversationStub(env: Bindings, conversationId: string) {
  return env.CONVERSATIONS.get(env.CONVERSATIONS.idFromString(conversationId));
}

/**
 * Sends a text reply as `agent` (reply token when fresh, else push) and returns
 * the stored message. `origin` tells its domain events who sent it (the API
 * passes `{ kind: "api", tokenId }`); without it, the agent.
 */
export async function sendText(env: Bindings, conversationId: string, agent: { id: string | null; name: string }, text: string, origin?: EventOrigin): Promise<ThreadMessage> {
  const message: LineMessage = { type: "text", text, sender: senderFor(agent) };
  return conversationStub(env, conversationId).send({ agent, messages: [message], preview: { type: "text", text }, ...(origin ? { origin } : {}) });
}
