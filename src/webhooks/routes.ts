// POST /webhooks/line/:channelId — LINE's webhook (answered by app.ts). Verify →
// parse → group → DO; resolves only after every event is durably stored (see
// handoff.ts), and refuses anything else with an HTTPException.
import { HTTPException } from "hono/http-exception";
import { conversationKeyName, type ConversationKey } from "../conversations/model";
import type { Bindings } from "../env";
import { channelByLineId } from "../line/channel-store";
import { callbackBodySchema, parseEvent, type ParsedEvent } from "../line/webhook-schema";
import { verifySignature } from "../lib/crypto";
import { handToConversations } from "./handoff";
import { nestedDeeperThan } from "../lib/json-depth";

/** LINE webhook bodies are a few KB; 1 MiB leaves room for large batches while refusing abuse. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
const CHANNEL_ID = /^[0-9A-Za-z_-]{1,64}$/;
export const MAX_WEBHOOK_DEPTH = 64;

export async function receiveLineWebhook(request: Request, env: Bindings, lineChannelId: string): Promise<void> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) throw new HTTPException(413, { message: "Webhook body too large" });
  const channel = CHANNEL_ID.test(lineChannelId) ? await channelByLineId(env, lineChannelId) : null;
  if (!channel) throw new HTTPException(404, { message: "Unknown channel" });

  const body = await request.arrayBuffer();
  if (body.byteLength > MAX_WEBHOOK_BYTES) throw new HTTPException(413, { message: "Webhook body too large" });
  // Nothing is parsed, stored or logged before the signature checks out.
  if (!(await verifySignature(channel.channelSecret, body, request.headers.get("x-line-signature")))) {
    throw new HTTPException(401, { message: "Invalid signature" });
  }
  // A disabled channel takes nothing. 403 (after the signature, so only LINE learns the
  // state) shows in LINE's webhook error statistics and "Verify"; LINE redelivers what it
  // can if webhook redelivery is on, so re-enabling soon loses less.
  if (!channel.enabled) throw new HTTPException(403, { message: "This channel is disabled in linedesk" });

  const text = new TextDecoder().decode(body);
  // LINE's payloads nest about ten levels (flex, postback params); 64 leaves room and stops stack-busting bodies.
  if (nestedDeeperThan(text, MAX_WEBHOOK_DEPTH)) throw new HTTPException(400, { message: "Body is nested too deeply to be a LINE webhook" });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HTTPException(400, { message: "Body is not valid JSON" });
  }
  const callback = callbackBodySchema.safeParse(json);
  if (!callback.success) throw new HTTPException(400, { message: "Body is not a LINE webhook (destination and events are required)" });
  // Once /v2/bot/info told us the bot's user id, a body for another bot is refused whole
  // (nothing stored). While it is unknown (never checked), any destination is accepted.
  if (channel.botUserId && callback.data.destination !== channel.botUserId) {
    throw new HTTPException(403, { message: "The webhook's destination is not this channel's bot" });
  }

  const groups = groupByConversation(channel.id, callback.data.events.map(parseEvent));
  await handToConversations(env, channel, [...groups.values()]);
}

/** Groups events by conversation (channel + user, group or room), keeping LINE's order within each. */
export function groupByConversation(channelId: string, events: ParsedEvent[]): Map<string, { key: ConversationKey; events: ParsedEvent[] }> {
  const groups = new Map<string, { key: ConversationKey; events: ParsedEvent[] }>();
  for (const parsed of events) {
    const source = parsed.kind === "known" ? parsed.event.source : parsed.envelope?.source;
    const key: ConversationKey = { channelId, source: source ?? { type: "channel" } };
    const name = conversationKeyName(key);
    const group = groups.get(name);
    if (group) group.events.push(parsed);
    else groups.set(name, { key, events: [parsed] });
  }
  return groups;
}
