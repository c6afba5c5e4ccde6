// REST API for integrations (/api/v1). Bearer token per workspace; JSON in and out.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { requireApiToken } from "../auth/middleware";
import type { ThreadMessage } from "../conversations/model";
import { conversationStub, MAX_TEXT_LENGTH, sendText } from "../conversations/service";
import type { AppEnv } from "../env";
import { findConversation, listConversations, type ConversationRow } from "../inbox/queries";

const idParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
const listQuery = z.object({ cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });
const messagesQuery = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
const sendBody = z.object({ text: z.string().trim().min(1, "text must not be empty").max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`) });

/** zod failures become a 400 (422 for a body) JSON error that says which field is wrong. */
function invalid(status: 400 | 422) {
  return (result: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }) => {
    if (!result.success && result.error) {
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join(".") || "request";
      throw new HTTPException(status, { message: `${field}: ${issue?.message ?? "invalid"}` });
    }
  };
}

const notFound = () => new HTTPException(404, { message: "Conversation not found" });

function conversationJson(row: ConversationRow) {
  return {
    id: row.id,
    channelId: row.channelId,
    source: { type: row.sourceType, id: row.sourceId },
    contactId: row.contactId,
    title: row.title,
    status: row.status,
    unreadCount: row.unreadCount,
    lastMessagePreview: row.lastMessagePreview,
    lastActivityAt: new Date(row.lastActivityAt).toISOString(),
  };
}

function messageJson(m: ThreadMessage) {
  return {
    id: m.id,
    seq: m.seq,
    direction: m.direction,
    body: m.unsent ? { type: "unsent" } : m.body,
    status: m.status,
    via: m.via,
    error: m.error,
    sender: m.direction === "outbound" ? { type: "agent", id: m.agentId, name: m.agentName } : { type: "contact", lineUserId: m.senderLineUserId, name: m.senderName },
    createdAt: new Date(m.createdAt).toISOString(),
  };
}

export const apiRoutes = new Hono<AppEnv>()
  .use(requireApiToken())
  .get("/conversations", zValidator("query", listQuery, invalid(400)), async (c) => {
    const { cursor, limit } = c.req.valid("query");
    // The API lists every conversation (all statuses), newest activity first, pinned first.
    const page = await listConversations(c.env.DB, c.get("apiWorkspaceId"), "", { view: "any", cursor }, limit);
    return c.json({ data: page.items.map(conversationJson), nextCursor: page.nextCursor });
  })
  .get("/conversations/:id/messages", zValidator("param", idParam, (r) => { if (!r.success) throw notFound(); }), zValidator("query", messagesQuery, invalid(400)), async (c) => {
    const row = await findConversation(c.env.DB, c.get("apiWorkspaceId"), c.req.valid("param").id);
    if (!row) throw notFound();
    const { before, limit } = c.req.valid("query");
    const thread = await conversationStub(c.env, row.id).thread({ beforeSeq: before ?? null, limit });
    const first = thread.messages[0];
    return c.json({ data: thread.messages.map(messageJson), nextBefore: thread.hasOlder && first ? first.seq : null });
  })
  .post("/conversations/:id/messages", zValidator("param", idParam, (r) => { if (!r.success) throw notFound(); }), async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!type.includes("application/json")) throw new HTTPException(415, { message: "Send JSON: Content-Type: application/json" });
    await next();
  }, zValidator("json", sendBody, invalid(422)), async (c) => {
    const row = await findConversation(c.env.DB, c.get("apiWorkspaceId"), c.req.valid("param").id);
    if (!row) throw notFound();
    const message = await sendText(c.env, row.id, { id: null, name: "linedesk API" }, c.req.valid("json").text);
    return c.json({ data: messageJson(message) }, message.status === "failed" ? 502 : 201);
  });
