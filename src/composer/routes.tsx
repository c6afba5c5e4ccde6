// The composer's routes, mounted on /inbox beside the inbox's own sub-app:
//   POST /c/:id/compose/text       text (+ quote token, quick replies)
//   POST /c/:id/compose/sticker    one of LINE's free stickers
//   POST /c/:id/compose/location   title, address, latitude, longitude
//   POST /c/:id/compose/media      multipart upload → R2 → image/video/audio, or a file link (media-routes.tsx)
//   GET  /c/:id/compose/status     the "free reply / will be pushed" line
//   GET  /c/:id/compose/canned?q=  canned-reply matches for the `/` popup
//   GET  /compose/stickers/:packageId/:stickerId  sticker image (redirect)
// Session + CSRF on all; forms zod-validated with a 422 fragment; thin handlers.
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { conversationStub } from "../conversations/service";
import type { AppEnv } from "../env";
import type { ConversationRow } from "../inbox/queries";
import { t } from "../ui/i18n";
import { ErrorPage } from "../ui/layout";
import { stickerUrlFor } from "../line/stickers";
import { searchCannedReplies } from "./canned";
import { afterSend, agentOf, conversationId, isHtmx, loadConversation, statusData } from "./context";
import { cannedQuery, firstIssue, locationForm, stickerForm, textForm } from "./forms";
import { composerGuard } from "./guard";
import { mediaRoutes } from "./media-routes";
import { locationMessage, type Outgoing, stickerMessage, textMessage } from "./messages";
import { isSendableSticker } from "./stickers";
import { CannedList } from "./views/canned-list";
import { shortcutsFor } from "../workflows/shortcuts";
import { Composer } from "./views/composer";
import { SentPartials } from "./views/sent";
import { ComposerStatus } from "./views/status";
import { LocationTool, StickerTool } from "./views/tools";

async function form(c: Context<AppEnv>) {
  return c.req.parseBody({ all: true });
}

/** A failed form without htmx: a page saying what is wrong, with the way back. */
function errorPage(c: Context<AppEnv>, status: 413 | 422, message: string) {
  const session = c.get("session");
  return c.html(<ErrorPage status={status} message={message} user={{ name: session.name, email: session.email }} csrfToken={session.csrfToken} />, status);
}

/** Sends through the conversation's Durable Object (reply token first, push otherwise). */
async function send(c: Context<AppEnv>, row: ConversationRow, outgoing: Outgoing) {
  const message = await conversationStub(c.env, row.id).send({ agent: agentOf(c), messages: outgoing.messages, preview: outgoing.preview });
  afterSend(c);
  return message;
}

/** After a tool's send: the tool closed and fresh, the bubble, the status line. */
async function toolSent(c: Context<AppEnv>, row: ConversationRow, outgoing: Outgoing, tool: "sticker" | "location") {
  const message = await send(c, row, outgoing);
  if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
  const session = c.get("session");
  const stickerUrl = stickerUrlFor(c.env);
  const props = { conversationId: row.id, csrfToken: session.csrfToken };
  return c.html(
    <>
      {tool === "sticker" ? <StickerTool {...props} stickerUrl={stickerUrl} /> : <LocationTool {...props} />}
      <SentPartials message={message} conversationId={row.id} sourceType={row.sourceType} csrfToken={session.csrfToken} stickerUrl={stickerUrl} status={await statusData(c, row)} />
    </>,
  );
}

const stickerParams = z.object({ packageId: z.string().regex(/^\d{1,12}$/), stickerId: z.string().regex(/^\d{1,12}$/) });

export const composerRoutes = new Hono<AppEnv>()
  .use("/c/:id/compose/*", composerGuard())
  .use("/compose/*", composerGuard())
  .get("/compose/stickers/:packageId/:stickerId", zValidator("param", stickerParams), (c) => {
    const { packageId, stickerId } = c.req.valid("param");
    if (!isSendableSticker(packageId, stickerId)) return c.notFound();
    c.header("cache-control", "private, max-age=86400");
    return c.redirect(stickerUrlFor(c.env)(packageId, stickerId), 302);
  })
  .get("/c/:id/compose/status", conversationId, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.html(<ComposerStatus conversationId={row.id} {...await statusData(c, row)} />);
  })
  .get("/c/:id/compose/canned", conversationId, zValidator("query", cannedQuery, (r, c) => (r.success ? undefined : c.html(<p class="canned-list__empty">{t("composer.form.cannedQueryTooLong")}</p>, 422))), async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const query = c.req.valid("query").q;
    const [matches, shortcuts] = await Promise.all([
      searchCannedReplies(c.env.DB, { workspaceId: session.workspaceId, userId: session.userId, query, contactName: row.title, agentName: session.name }),
      // Workflow shortcuts the agent's role may run, by label (the toolbar buttons, from the keyboard).
      shortcutsFor(c.env.DB, session.workspaceId, session.role),
    ]);
    const wanted = query.normalize("NFKC").toLowerCase();
    c.header("cache-control", "no-store");
    return c.html(<CannedList query={query} matches={matches} conversationId={row.id} shortcuts={shortcuts.filter((s) => s.label.normalize("NFKC").toLowerCase().includes(wanted))} />);
  })
  .post("/c/:id/compose/text", conversationId, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const session = c.get("session");
    const raw = await form(c);
    const parsed = textForm.safeParse(raw);
    if (!parsed.success) {
      const error = firstIssue(parsed.error);
      if (!isHtmx(c)) return errorPage(c, 422, error);
      // Put back what the agent wrote, the quote and the buttons (unvalidated, only re-displayed, escaped by JSX).
      const str = (v: unknown) => (typeof v === "string" ? v : "");
      const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : [str(v)]);
      const labels = list(raw.qrLabel);
      const texts = list(raw.qrText);
      const quickReplies = labels.map((label, i) => ({ label, text: texts[i] ?? "" })).filter((b) => b.label || b.text);
      const token = str(raw.quoteToken);
      return c.html(
        <Composer
          conversationId={row.id}
          csrfToken={session.csrfToken}
          customerName={row.title}
          error={error}
          text={str(raw.text)}
          quote={token ? { token, lineMessageId: str(raw.quotedMessageId), text: str(raw.quoteText) } : undefined}
          quickReplies={quickReplies}
          stickerUrl={stickerUrlFor(c.env)}
          status={await statusData(c, row)}
        />,
        422,
      );
    }
    const message = await send(c, row, textMessage(agentOf(c), parsed.data));
    if (!isHtmx(c)) return c.redirect(`/inbox/c/${row.id}`, 303);
    const stickerUrl = stickerUrlFor(c.env);
    return c.html(
      <>
        <Composer conversationId={row.id} csrfToken={session.csrfToken} customerName={row.title} autofocus stickerUrl={stickerUrl} status={await statusData(c, row)} />
        <SentPartials message={message} conversationId={row.id} sourceType={row.sourceType} csrfToken={session.csrfToken} stickerUrl={stickerUrl} />
      </>,
    );
  })
  .post("/c/:id/compose/sticker", conversationId, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const parsed = stickerForm.safeParse(await form(c));
    if (!parsed.success) {
      const error = firstIssue(parsed.error);
      if (!isHtmx(c)) return errorPage(c, 422, error);
      return c.html(<StickerTool conversationId={row.id} csrfToken={c.get("session").csrfToken} stickerUrl={stickerUrlFor(c.env)} error={error} open />, 422);
    }
    const [packageId = "", stickerId = ""] = parsed.data.sticker.split("/");
    return toolSent(c, row, stickerMessage(agentOf(c), { packageId, stickerId, quoteToken: parsed.data.quoteToken }), "sticker");
  })
  .post("/c/:id/compose/location", conversationId, async (c) => {
    const row = await loadConversation(c, c.req.valid("param").id);
    const raw = await form(c);
    const parsed = locationForm.safeParse(raw);
    if (!parsed.success) {
      const error = firstIssue(parsed.error);
      if (!isHtmx(c)) return errorPage(c, 422, error);
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      const values = { title: str(raw.title), address: str(raw.address), latitude: str(raw.latitude), longitude: str(raw.longitude) };
      return c.html(<LocationTool conversationId={row.id} csrfToken={c.get("session").csrfToken} error={error} values={values} open />, 422);
    }
    return toolSent(c, row, locationMessage(agentOf(c), parsed.data), "location");
  })
  .route("/", mediaRoutes);
