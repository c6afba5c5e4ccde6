// LINE's `sender` on messages we send: the agent's (or automation's) name, which
// LINE limits to 20 characters.
import type { messagingApi } from "@line/bot-sdk";

export const SENDER_NAME_MAX = 20;

export function senderFor(agent: { name: string }): messagingApi.Sender {
  return { name: agent.name.slice(0, SENDER_NAME_MAX) };
}
