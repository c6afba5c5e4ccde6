// One conversation in the inbox (/inbox/c/:id/...): open it, reply, retry, add
// notes, triage, media, and its live socket. Session and CSRF are checked by the
// parent router; every handler loads the conversation scoped to the workspace.
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { conversationStub, MAX_TEXT_LENGTH, sendText } from "../conversations/service";
import type { AppEnv } from "../env";
import { isLoneCommandPrefix } from "../composer/forms";
import { localeParams } from "../conversations/live";
import { lineApiBase, lineDataApiBase } from "../env";
import { channelById } from "../line/channel-store";
import { createLineClient } from "../line/client";
import { stickerUrlFor } from "../line/stickers";
import { setConversationTag } from "../tags/conversation-tags";
import { conversationTagIds, workspaceDirectory } from "./directory";
import { type ConversationRow, findConversation } from "./queries";
import { renderInboxPage } from "./page";
import { triageFormSchema, triageRequest } from "./triage-form";
import { NoteForm } from "./views/note-form";
import { Composer, MessageBubble, ThreadView, type ThreadViewProps } from "./views/thread";
import { TriageBar } from "./views/triage-bar";
import { shortcutsFor } from "../workflows/shortcuts";
import { freshParts } from "./page";
import { t } from "../ui/i18n";
import { StatusPill } from "./views/thread";

const messageId = z.string().regex(/^msg_[0-9a-z]{20}$/);
const conversationParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) });
const messageParam = conversationParam.extend({ messageId });
/** `before`: "Load older"; `at` (a message id) or `q` (its text): open at a search hit. */
const threadQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  at: messageId.optional().catch(undefined),
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
});
const textField = z.preprocess(
  // Browsers send CRLF line breaks; LINE counts characters, so normalise before measuring.
  (text) => (typeof text === "string" ? text.replace(/\r\n/g, "\n") : ""),
  z
    .string()
    .trim()
    .min(1, { error: () => t("inbox.compose.error.empty") })
    .max(MAX_TEXT_LENGTH, { error: () => t("inbox.compose.error.tooLong", { max: String(MAX_TEXT_LENGTH) }) }),
);
// A lone "/" (the canned-reply prefix) is never sent to a customer, with or without JavaScript.
const composerForm = z.object({ text: textField.refine((s) => !isLoneCommandPrefix(s), { error: () => t("composer.form.lonePrefix") }) });
const noteForm = z.object({ text: textField });

const notFound = () => new HTTPException(404, { message: t("inbox.error.notFound") });
const byConversation = zValidator("param", conversationParam, (r) => { if (!r.success) throw notFound(); });
const byMessage = zValidator("param", messageParam, (r) => { if (!r.success) throw notFound(); });

/**
 * Live sockets must come from our own pages (no cross-site WebSocket hijacking):
 * browsers always send Origin on a WebSocket upgrade, so a missing, `null` or
 * unparseable one is refused like a foreign one.
 */
export function requireWebSocket(c: Context<AppEnv>): void {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new HTTPException(426, { message: "Expected a WebSocket" });
  if (!URL.canParse(c.req.header("origin") ?? "") || new URL(c.req.header("origin") ?? "").origin !== new URL(c.req.url).origin) {
    throw new HTTPException(403, { message: "Cross-site socket refused" });
  }
}

async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationRow> {
  const row = await findConversation(c.env.DB, c.get("session").workspaceId, id);
  if (!row) throw notFound();
  return row;
}

/** Everything the thread pane renders for one conversation. */
export async function threadViewProps(c: Context<AppEnv>, row: ConversationRow, beforeSeq: number | null, extra: Partial<ThreadViewProps> = {}, limit = 50): Promise<ThreadViewProps> {
  const session = c.get("session");
  const [thread, directory, tagIds, shortcuts] = await Promise.all([
    conversationStub(c.env, row.id).thread({ beforeSeq, limit }),
    workspaceDirectory(c.env.DB, session.workspaceId),
    conversationTagIds(c.env.DB, row.id),
    shortcutsFor(c.env.DB, session.workspaceId, session.role),
  ]);
  return {
    conversation: { id: row.id, title: row.title, pictureUrl: row.pictureUrl, status: thread.triage.status, sourceType: row.sourceType },
    messages: thread.messages,
    hasOlder: thread.hasOlder,
    csrfToken: session.csrfToken,
    stickerUrl: stickerUrlFor(c.env),
    contactId: row.contactId,
    sla: { dueAt: row.slaDueAt, breachedAt: row.slaBreachedAt },
    replyTokenExpiresAt: thread.replyTokenExpiresAt,
    triageBar: { conversationId: row.id, triage: thread.triage, directory, tagIds, csrfToken: session.csrfToken, me: { id: session.userId, name: session.name }, replyFresh: thread.replyTokenExpiresAt !== null },
    shortcuts: { conversationId: row.id, shortcuts, csrfToken: session.csrfToken },
    ...extra,
  };
}

/** Messages kept before a search hit, for context. */
const HIT_CONTEXT = 10;
/** The DO's largest page. */
const MAX_PAGE = 200;

/**
 * The thread opened at a search hit (a message id, or the newest message with
 * the text): everything from a little before the hit to the latest message,
 * or — when the hit is far back — a page around it with a link to the latest.
 * Without a hit (the name matched, not a message) it is the usual latest page.
 */
async function searchHitProps(c: Context<AppEnv>, row: ConversationRow, hit: { id?: string; text?: string }): Promise<ThreadViewProps> {
  const found = await conversationStub(c.env, row.id).locate(hit);
  if (!found) return threadViewProps(c, row, null);
  const newer = found.latestSeq - found.seq;
  if (newer + HIT_CONTEXT < MAX_PAGE) {
    return threadViewProps(c, row, null, { highlightId: found.id }, newer + 1 + HIT_CONTEXT);
  }
  const beforeSeq = found.seq + MAX_PAGE - HIT_CONTEXT;
  return threadViewProps(c, row, beforeSeq, { highlightId: found.id, newerUntilSeq: found.latestSeq }, MAX_PAGE);
}

const isHtmx = (c: Context<AppEnv>) => c.req.header("hx-request") === "true";

export const threadRoutes = new Hono<AppEnv>()
  .get("/:id", byConversation, zValidator("query", threadQuery), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const query = c.req.valid("query");
    const before = query.before ?? null;
    const props = before === null && (query.at || query.q) ? await searchHitProps(c, row, { id: query.at, text: query.q }) : await threadViewProps(c, row, before);
    // Opening the conversation is what marks the customer's messages read.
    if (before === null) c.executionCtx.waitUntil(conversationStub(c.env, row.id).markRead());
    if (isHtmx(c)) return c.html(<ThreadView {...props} triageBar={props.triageBar && { ...props.triageBar, fragment: true }} />);
    return renderInboxPage(c, {}, props);
  })
  .get("/:id/triage", byConversation, async (c) => {
    // The header as it is now: inbox.js asks when a live frame says the
    // conversation changed under the agent (woke from a snooze, reopened, reassigned).
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const [thread, directory, tagIds] = await Promise.all([conversationStub(c.env, row.id).thread({ limit: 1 }), workspaceDirectory(c.env.DB, session.workspaceId), conversationTagIds(c.env.DB, row.id)]);
    return c.html(
      <>
        <TriageBar conversationId={row.id} triage={thread.triage} directory={directory} tagIds={tagIds} csrfToken={session.csrfToken} me={{ id: session.userId, name: session.name }} fragment />
        <StatusPill status={thread.triage.status} swapOob />
      </>,
    );
  })
  .post("/:id/read", byConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    await conversationStub(c.env, row.id).markRead();
    return c.body(null, 204);
  })
  .post("/:id/messages", byConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    // Validated here rather than by zValidator so a failure can re-render with the thread around it.
    const body = await c.req.parseBody();
    const parsed = composerForm.safeParse(body);
    if (!parsed.success) {
      const error = parsed.error.issues[0]?.message ?? t("inbox.compose.error.check");
      const text = typeof body.text === "string" ? body.text : "";
      if (isHtmx(c)) return c.html(<Composer conversationId={row.id} csrfToken={session.csrfToken} error={error} text={text} />, 422);
      return renderInboxPage(c, {}, await threadViewProps(c, row, null, { composerError: error, composerText: text }), 422);
    }
    const message = await sendText(c.env, row.id, { id: session.userId, name: session.name }, parsed.data.text);
    if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(
      <>
        <Composer conversationId={row.id} csrfToken={session.csrfToken} autofocus />
        <hx-partial hx-target="#thread-messages" hx-swap="beforeend scroll:bottom">
          <MessageBubble message={message} conversationId={row.id} stickerUrl={stickerUrlFor(c.env)} sourceType={row.sourceType} csrfToken={session.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/:id/notes", byConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const body = await c.req.parseBody();
    const parsed = noteForm.safeParse(body);
    if (!parsed.success) {
      const text = typeof body.text === "string" ? body.text : "";
      return c.html(<NoteForm conversationId={row.id} csrfToken={session.csrfToken} error={parsed.error.issues[0]?.message ?? t("inbox.note.error.check")} text={text} />, 422);
    }
    const note = await conversationStub(c.env, row.id).addNote({ id: session.userId, name: session.name }, parsed.data.text);
    if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(
      <>
        <NoteForm conversationId={row.id} csrfToken={session.csrfToken} visible />
        <hx-partial hx-target="#thread-messages" hx-swap="beforeend scroll:bottom">
          <MessageBubble message={note} conversationId={row.id} stickerUrl={stickerUrlFor(c.env)} sourceType={row.sourceType} csrfToken={session.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/:id/triage", byConversation, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const form = triageFormSchema.safeParse(await c.req.parseBody());
    const directory = await workspaceDirectory(c.env.DB, session.workspaceId);
    const me = { id: session.userId, name: session.name };
    const request = form.success ? triageRequest(form.data, directory, me) : { error: form.error.issues[0]?.message ?? t("inbox.triage.error.check") };
    if ("change" in request) await conversationStub(c.env, row.id).triage(request.change, me);
    if ("tag" in request) {
      const changed = await setConversationTag(c.env.DB, { workspaceId: session.workspaceId, actorId: session.userId }, row, request.tag.tagId, request.tag.add);
      const tag = directory.tags.find((t) => t.id === request.tag.tagId);
      if (changed && tag) await conversationStub(c.env, row.id).tagChanged(request.tag.add ? "tag.added" : "tag.removed", { id: tag.id, name: tag.name }, "conversation", me);
    }
    if (!isHtmx(c) && !("error" in request)) return c.redirect(`/inbox/c/${row.id}`, 303);
    const [thread, tagIds] = await Promise.all([conversationStub(c.env, row.id).thread({ limit: 1 }), conversationTagIds(c.env.DB, row.id)]);
    const bar = <TriageBar conversationId={row.id} triage={thread.triage} directory={directory} tagIds={tagIds} csrfToken={session.csrfToken} me={me} error={"error" in request ? request.error : undefined} fragment />;
    if ("error" in request) {
      if (isHtmx(c)) return c.html(bar, 422);
      return renderInboxPage(c, {}, await threadViewProps(c, row, null), 422);
    }
    // Everything the change touched, at once: the bar, the header's status, the list row and every view's count.
    return c.html(
      <>
        {bar}
        <StatusPill status={thread.triage.status} swapOob />
        {await freshParts(c, { conversationId: row.id, directory })}
      </>,
    );
  })
  .post("/:id/messages/:messageId/retry", byMessage, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const row = await loadConversation(c, id);
    const message = await conversationStub(c.env, row.id).retry(messageId);
    if (!message) throw new HTTPException(404, { message: t("inbox.error.messageNotFound") });
    if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
    return c.html(<MessageBubble message={message} conversationId={row.id} stickerUrl={stickerUrlFor(c.env)} sourceType={row.sourceType} csrfToken={c.get("session").csrfToken} />);
  })
  .get("/:id/media/:messageId", byMessage, async (c) => {
    const { id, messageId } = c.req.valid("param");
    const row = await loadConversation(c, id);
    const message = await conversationStub(c.env, row.id).message(messageId);
    if (!message) throw new HTTPException(404, { message: t("inbox.error.mediaNotFound") });
    const headers = new Headers({ "cache-control": "private, max-age=86400", "x-content-type-options": "nosniff" });
    if (message.mediaKey) {
      const object = await c.env.MEDIA.get(message.mediaKey);
      if (object) {
        object.writeHttpMetadata(headers);
        return new Response(object.body, { headers });
      }
    }
    // Not copied to R2 yet (or the copy failed): stream it from LINE while it still has it.
    if (!message.lineMessageId) throw new HTTPException(404, { message: t("inbox.error.mediaUnavailable") });
    const channel = await channelById(c.env, row.channelId);
    if (!channel) throw new HTTPException(404, { message: t("inbox.error.mediaUnavailable") });
    const client = createLineClient({ accessToken: channel.accessToken, apiBase: lineApiBase(c.env), dataBase: lineDataApiBase(c.env) });
    const upstream = await client.content(message.lineMessageId).catch(() => null);
    if (!upstream) throw new HTTPException(404, { message: t("inbox.error.mediaGone") });
    headers.set("content-type", upstream.headers.get("content-type") ?? "application/octet-stream");
    if (message.body.type === "file") headers.set("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(message.body.fileName)}`);
    return new Response(upstream.body, { headers });
  })
  .get("/:id/live", byConversation, async (c) => {
    requireWebSocket(c);
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const after = Number(c.req.query("after") ?? "0");
    const url = new URL("https://conversation/live");
    url.searchParams.set("after", String(Number.isFinite(after) && after > 0 ? Math.floor(after) : 0));
    url.searchParams.set("user", session.userId);
    url.searchParams.set("name", session.name);
    localeParams(url);
    return conversationStub(c.env, row.id).fetch(new Request(url, c.req.raw));
  });
