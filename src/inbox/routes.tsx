// The agent inbox: pages, htmx fragments, media and live sockets. Every route
// requires a session and only sees its own workspace's conversations.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { requireCsrf, requireSession } from "../auth/middleware";
import { conversationStub, MAX_TEXT_LENGTH, sendText } from "../conversations/service";
import type { AppEnv } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { channelById } from "../line/channel-store";
import { createLineClient } from "../line/client";
import { stickerUrlFor } from "../line/stickers";
import { type ConversationRow, decodeCursor, findConversation, listConversations } from "./queries";
import { ConversationList } from "./views/conversation-list";
import { InboxPage } from "./views/inbox-page";
import { Composer, MessageBubble, ThreadView, type ThreadViewProps } from "./views/thread";

const conversationParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "Unknown conversation") });
const messageParam = conversationParam.extend({ messageId: z.string().regex(/^msg_[0-9a-z]{20}$/, "Unknown message") });
const listQuery = z.object({ cursor: z.string().max(100).optional() });
const threadQuery = z.object({ before: z.coerce.number().int().positive().optional() });
const composerForm = z.object({
  // Browsers send CRLF line breaks; LINE counts characters, so normalise before measuring.
  text: z.preprocess(
    (t) => (typeof t === "string" ? t.replace(/\r\n/g, "\n") : ""),
    z.string().trim().min(1, "Write a message before sending").max(MAX_TEXT_LENGTH, `A LINE message can have at most ${MAX_TEXT_LENGTH} characters`),
  ),
});

const notFound = () => new HTTPException(404, { message: "This conversation does not exist or belongs to another workspace." });
const badParam = zValidator("param", messageParam, (r) => { if (!r.success) throw notFound(); });
const badConversation = zValidator("param", conversationParam, (r) => { if (!r.success) throw notFound(); });

/** Live sockets must come from our own pages (no cross-site WebSocket hijacking). */
function requireWebSocket(c: Context<AppEnv>): void {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new HTTPException(426, { message: "Expected a WebSocket" });
  const origin = c.req.header("origin");
  if (origin && new URL(origin).host !== new URL(c.req.url).host) throw new HTTPException(403, { message: "Cross-site socket refused" });
}

async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationRow> {
  const row = await findConversation(c.env.DB, c.get("session").workspaceId, id);
  if (!row) throw notFound();
  return row;
}

async function threadProps(c: Context<AppEnv>, row: ConversationRow, beforeSeq: number | null, extra: Partial<ThreadViewProps> = {}): Promise<ThreadViewProps> {
  const thread = await conversationStub(c.env, row.id).thread({ beforeSeq, limit: 50 });
  return {
    conversation: { id: row.id, title: row.title, pictureUrl: row.pictureUrl, status: row.status, sourceType: row.sourceType },
    messages: thread.messages,
    hasOlder: thread.hasOlder,
    csrfToken: c.get("session").csrfToken,
    stickerUrl: stickerUrlFor(c.env),
    ...extra,
  };
}

async function renderInbox(c: Context<AppEnv>, activeId: string | null, thread: ThreadViewProps | null, status: 200 | 422 = 200) {
  const session = c.get("session");
  const list = await listConversations(c.env.DB, session.workspaceId, null);
  return c.html(
    <InboxPage
      user={{ name: session.name, email: session.email }}
      csrfToken={session.csrfToken}
      list={{ items: list.items, nextCursor: list.nextCursor, activeId: activeId ?? undefined }}
      thread={thread}
      wsUrl="/inbox/live"
    />,
    status,
  );
}

export const inboxRoutes = new Hono<AppEnv>()
  .use(requireSession(), requireCsrf())
  .get("/", zValidator("query", listQuery), async (c) => {
    const { cursor } = c.req.valid("query");
    if (cursor !== undefined) {
      const page = await listConversations(c.env.DB, c.get("session").workspaceId, decodeCursor(cursor));
      return c.html(<ConversationList items={page.items} nextCursor={page.nextCursor} />);
    }
    return renderInbox(c, null, null);
  })
  .get("/list", async (c) => {
    const page = await listConversations(c.env.DB, c.get("session").workspaceId, null);
    return c.html(<ConversationList items={page.items} nextCursor={page.nextCursor} activeId={c.req.query("active")} />);
  })
  .get("/c/:id", badConversation, zValidator("query", threadQuery), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const before = c.req.valid("query").before ?? null;
    const props = await threadProps(c, row, before);
    // Opening the conversation is what marks the customer's messages read.
    if (before === null) c.executionCtx.waitUntil(conversationStub(c.env, row.id).markRead());
    if (c.req.header("hx-request")) return c.html(<ThreadView {...props} />);
    return renderInbox(c, row.id, props);
  })
  .post("/c/:id/read", badConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    await conversationStub(c.env, row.id).markRead();
    return c.body(null, 204);
  })
  .post("/c/:id/messages", badConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    // Validated here rather than by zValidator so a failure can re-render with the thread around it.
    const parsed = composerForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      const error = parsed.error.issues[0]?.message ?? "Check the message";
      const raw = (await c.req.parseBody()).text;
      const text = typeof raw === "string" ? raw : "";
      if (c.req.header("hx-request")) return c.html(<Composer conversationId={row.id} csrfToken={session.csrfToken} error={error} text={text} />, 422);
      return renderInbox(c, row.id, await threadProps(c, row, null, { composerError: error, composerText: text }), 422);
    }
    const message = await sendText(c.env, row.id, { id: session.userId, name: session.name }, parsed.data.text);
    if (!c.req.header("hx-request")) return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(
      <>
        <Composer conversationId={row.id} csrfToken={session.csrfToken} autofocus />
        <hx-partial hx-target="#thread-messages" hx-swap="beforeend scroll:bottom">
          <MessageBubble message={message} conversationId={row.id} stickerUrl={stickerUrlFor(c.env)} sourceType={row.sourceType} csrfToken={session.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/c/:id/messages/:messageId/retry", badParam, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const row = await loadConversation(c, id);
    const message = await conversationStub(c.env, row.id).retry(messageId);
    if (!message) throw new HTTPException(404, { message: "That message does not exist." });
    if (!c.req.header("hx-request")) return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(<MessageBubble message={message} conversationId={row.id} stickerUrl={stickerUrlFor(c.env)} sourceType={row.sourceType} csrfToken={c.get("session").csrfToken} />);
  })
  .get("/c/:id/media/:messageId", badParam, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const row = await loadConversation(c, id);
    const message = await conversationStub(c.env, row.id).message(messageId);
    if (!message) throw new HTTPException(404, { message: "That media does not exist." });
    const headers = new Headers({ "cache-control": "private, max-age=86400", "x-content-type-options": "nosniff" });
    if (message.mediaKey) {
      const object = await c.env.MEDIA.get(message.mediaKey);
      if (object) {
        object.writeHttpMetadata(headers);
        return new Response(object.body, { headers });
      }
    }
    // Not copied to R2 yet (or the copy failed): stream it from LINE while it still has it.
    if (!message.lineMessageId) throw new HTTPException(404, { message: "That media is not available." });
    const channel = await channelById(c.env, row.channelId);
    if (!channel) throw new HTTPException(404, { message: "That media is not available." });
    const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(c.env), dataBase: lineDataApiBase(c.env) });
    const upstream = await client.content(message.lineMessageId).catch(() => null);
    if (!upstream) throw new HTTPException(404, { message: "LINE no longer has this media." });
    headers.set("content-type", upstream.headers.get("content-type") ?? "application/octet-stream");
    if (message.body.type === "file") headers.set("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(message.body.fileName)}`);
    return new Response(upstream.body, { headers });
  })
  .get("/c/:id/live", badConversation, async (c) => {
    requireWebSocket(c);
    const row = await loadConversation(c, c.req.valid("param").id);
    const after = Number(c.req.query("after") ?? "0");
    const url = new URL("https://conversation/live");
    url.searchParams.set("after", String(Number.isFinite(after) && after > 0 ? Math.floor(after) : 0));
    url.searchParams.set("user", c.get("session").userId);
    return conversationStub(c.env, row.id).fetch(new Request(url, c.req.raw));
  })
  .get("/live", async (c) => {
    requireWebSocket(c);
    const session = c.get("session");
    const feed = c.env.WORKSPACES.get(c.env.WORKSPACES.idFromName(session.workspaceId));
    const url = new URL("https://workspace/live");
    url.searchParams.set("user", session.userId);
    return feed.fetch(new Request(url, c.req.raw));
  });
