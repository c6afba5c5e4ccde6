// /api/v1/conversations/:id/messages and /notes: read the thread, send a text
// (with quick replies) or a sticker through the composer's own builders, and
// private notes (never sent to LINE) — all through the conversation's DO.
import { type Context, Hono } from "hono";
import type { z } from "zod";
import { type Outgoing, stickerMessage, textMessage } from "../composer/messages";
import { conversationStub } from "../conversations/service";
import type { AppEnv } from "../env";
import type { ConversationRef } from "../inbox/conversation-ref";
import { apiActor, loadConversationRef } from "./context";
import { messageJson, noteJson } from "./json";
import * as ops from "./operations";
import type { sendMessageBody } from "./requests";
import { body, params, query, requireJson } from "./validate";

/**
 * The LINE messages for a send. LINE shows `sender.name` to the customer, so
 * it is the caller's `senderName` when given; otherwise there is no sender and
 * the customer sees the account's own name (never the token's).
 */
function outgoing(input: z.output<typeof sendMessageBody>): Outgoing {
  const agent = { id: null, name: input.senderName ?? "" };
  const built =
    input.type === "sticker"
      ? stickerMessage(agent, { packageId: input.packageId, stickerId: input.stickerId })
      : textMessage(agent, { text: input.text, quickReplies: (input.quickReplies ?? []).map((b) => ({ label: b.label, text: b.text ?? b.label })) });
  if (input.senderName) return built;
  return { ...built, messages: built.messages.map(({ sender: _sender, ...message }) => message) };
}

async function threadPage(c: Context<AppEnv>, ref: ConversationRef, options: { before?: number; limit: number; notes: boolean }) {
  const thread = await conversationStub(c.env, ref.id).thread({ beforeSeq: options.before ?? null, limit: options.limit, direction: options.notes ? "note" : undefined });
  const first = thread.messages[0];
  return { messages: thread.messages, nextBefore: thread.hasOlder && first ? first.seq : null };
}

const conversationParam = params(ops.listMessages, "Conversation");

export const messageApi = new Hono<AppEnv>()
  .get(ops.listMessages.path, conversationParam, query(ops.listMessages), async (c) => {
    const ref = await loadConversationRef(c, c.req.valid("param").id);
    const { messages, nextBefore } = await threadPage(c, ref, { ...c.req.valid("query"), notes: false });
    return c.json({ data: messages.map(messageJson), nextBefore });
  })
  .post(ops.sendMessage.path, conversationParam, requireJson(), body(ops.sendMessage), async (c) => {
    const ref = await loadConversationRef(c, c.req.valid("param").id);
    const input = c.req.valid("json");
    const built = outgoing(input);
    const actor = apiActor(c);
    const message = await conversationStub(c.env, ref.id).send({ agent: { id: actor.id, name: actor.name }, messages: built.messages, preview: built.preview, origin: actor.origin });
    return c.json({ data: messageJson(message) }, message.status === "failed" ? 502 : 201);
  })
  .get(ops.listNotes.path, conversationParam, query(ops.listNotes), async (c) => {
    const ref = await loadConversationRef(c, c.req.valid("param").id);
    const { messages, nextBefore } = await threadPage(c, ref, { ...c.req.valid("query"), notes: true });
    return c.json({ data: messages.map(noteJson), nextBefore });
  })
  .post(ops.addNote.path, conversationParam, requireJson(), body(ops.addNote), async (c) => {
    const ref = await loadConversationRef(c, c.req.valid("param").id);
    const note = await conversationStub(c.env, ref.id).addNote(apiActor(c), c.req.valid("json").text);
    return c.json({ data: noteJson(note) }, 201);
  });
