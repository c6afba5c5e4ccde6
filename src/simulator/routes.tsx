// The LINE simulator's routes, mounted by the app at /simulator when SIMULATOR=on:
// the phone page and its actions, generated artwork (avatars, stickers, emoji), the
// customer's media, the live WebSocket, the fake LINE APIs, the fake LINE Developers Console
// (several channels, see fake-channels.ts) and the control hooks.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { localeContext, t } from "../ui/i18n";
import { avatarSvg } from "./avatars";
import { accountLinkControl, accountLinkDialog } from "./account-link-routes";
import { controlApp } from "./control";
import type { PhoneAction } from "./customer-actions";
import { customerActionSchema, formToObject, mediaFieldsSchema, newGroupSchema, newUserSchema } from "./customer-actions";
import { consoleApp } from "./console-routes";
import { channelForId, listChannels } from "./fake-channels";
import { lineApiApp, lineDataApp } from "./line-api";
import type { ActionOutcome } from "./phone";
import { phoneChannel, phoneContext, phoneStub, rememberPhoneChannel } from "./phone-channel";
import { simulatorStub } from "./simulator-do";
import { emojiSvg, stickerSvg } from "./stickers";
import { PhonePage } from "./views/phone-page";

function svg(body: string, maxAge = 86_400): Response {
  return new Response(body, { headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": `public, max-age=${maxAge}` } });
}

/** JSON callers (tests, scripts, simulator.js) get JSON; plain forms get a redirect back to the phone. */
function wantsJson(c: Context<AppEnv>): boolean {
  return (c.req.header("accept") ?? "").includes("application/json") || (c.req.header("content-type") ?? "").startsWith("application/json");
}

async function readBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  if ((c.req.header("content-type") ?? "").startsWith("application/json")) {
    const body: unknown = await c.req.json().catch(() => null);
    return typeof body === "object" && body !== null ? { ...body } : {};
  }
  return formToObject(await c.req.parseBody({ all: true }));
}

function phoneUrl(chatId: string | null, as: string | null | undefined, error?: string): string {
  const q = new URLSearchParams();
  if (chatId) q.set("chat", chatId);
  if (as) q.set("as", as);
  if (error) q.set("error", error);
  const s = q.toString();
  return s ? `/simulator?${s}` : "/simulator";
}

function answer(c: Context<AppEnv>, outcome: ActionOutcome, fallbackChat: string | null, as?: string | null): Response {
  if (wantsJson(c)) return c.json(outcome, outcome.ok ? 200 : 422);
  return c.redirect(outcome.ok ? phoneUrl(outcome.chatId, as) : phoneUrl(fallbackChat, as, outcome.error), 303);
}

function invalid(c: Context<AppEnv>, issues: ReadonlyArray<{ message: string }>, chatId: string | null, as?: string | null): Response {
  const error = issues.map((i) => i.message).join("; ");
  if (wantsJson(c)) return c.json({ ok: false, error, issues }, 422);
  return c.redirect(phoneUrl(chatId, as, error), 303);
}

const chatParam = z.object({ chatId: z.string().regex(/^[UCR][0-9a-f]{32}$/) });
const pageQuery = z.object({
  chat: z.string().regex(/^[UCR][0-9a-f]{32}$/).optional().catch(undefined),
  as: z.string().regex(/^U[0-9a-f]{32}$/).optional().catch(undefined),
  error: z.string().max(500).optional().catch(undefined),
});

function parseChat(c: Context<AppEnv>): string | null {
  const parsed = chatParam.safeParse({ chatId: c.req.param("chatId") });
  return parsed.success ? parsed.data.chatId : null;
}

export const simulatorApp = new Hono<AppEnv>();

simulatorApp.route("/line", lineApiApp);
simulatorApp.route("/line-data", lineDataApp);
simulatorApp.route("/control", accountLinkControl);
simulatorApp.route("/control", controlApp);
simulatorApp.route("/dialog", accountLinkDialog);
simulatorApp.route("/console", consoleApp);

simulatorApp.get("/", async (c) => {
  const query = pageQuery.parse(c.req.query());
  const account = await phoneChannel(c);
  rememberPhoneChannel(c, account.channelId);
  const stub = simulatorStub(c.env, account.channelId);
  const [overview, accounts] = await Promise.all([stub.overview(account.channelId), listChannels(c.env)]);
  const chatId = query.chat ?? overview.chats[0]?.chatId ?? null;
  const snapshot = chatId ? await stub.snapshot(chatId, query.as ?? null, localeContext().locale) : null;
  const error = query.error ?? (query.chat && !snapshot ? t("simulator.chatMissing") : null);
  c.header("cache-control", "no-store");
  const picker = { current: account.channelId, accounts: accounts.map((a) => ({ channelId: a.channelId, name: a.name })) };
  return c.html(<PhonePage overview={overview} snapshot={snapshot} error={error} accounts={picker} />);
});

simulatorApp.post("/users", async (c) => {
  const parsed = newUserSchema.safeParse(await readBody(c));
  if (!parsed.success) return invalid(c, parsed.error.issues, null);
  return answer(c, await (await phoneStub(c)).createUser(await phoneContext(c), parsed.data), null);
});

simulatorApp.post("/groups", async (c) => {
  const parsed = newGroupSchema.safeParse(await readBody(c));
  if (!parsed.success) return invalid(c, parsed.error.issues, null);
  return answer(c, await (await phoneStub(c)).createGroup(await phoneContext(c), parsed.data), null);
});

simulatorApp.post("/chats/:chatId/send", async (c) => {
  const chatId = parseChat(c);
  if (!chatId) return invalid(c, [{ message: t("simulator.error.unknownChat") }], null);
  const body = await readBody(c);
  let action: PhoneAction;
  if (body.file !== undefined) {
    const media = mediaFieldsSchema.safeParse(body);
    if (!media.success) return invalid(c, media.error.issues, chatId, typeof body.as === "string" ? body.as : null);
    const { file, as, duration } = media.data;
    action = { kind: "media", as, bytes: await file.arrayBuffer(), contentType: file.type, fileName: file.name, duration };
  } else {
    const parsed = customerActionSchema.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error.issues, chatId, typeof body.as === "string" ? body.as : null);
    action = parsed.data;
  }
  return answer(c, await (await phoneStub(c)).send(await phoneContext(c), chatId, action), chatId, action.as);
});

const actorSchema = z.object({ as: z.string().regex(/^U[0-9a-f]{32}$/).optional().catch(undefined) });

for (const act of ["follow", "unfollow", "redeliver", "unsend"] as const) {
  simulatorApp.post(`/chats/:chatId/${act}`, async (c) => {
    const chatId = parseChat(c);
    if (!chatId) return invalid(c, [{ message: t("simulator.error.unknownChat") }], null);
    const as = actorSchema.parse(await readBody(c)).as ?? null;
    const stub = await phoneStub(c);
    const ctx = await phoneContext(c);
    const outcome =
      act === "redeliver" ? await stub.redeliver(ctx, chatId) : act === "unsend" ? await stub.unsend(ctx, chatId, as) : await stub[act](ctx, chatId);
    return answer(c, outcome, chatId, as);
  });
}

simulatorApp.get("/ws", async (c) => {
  const chat = pageQuery.safeParse(c.req.query());
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return c.text("Expected a WebSocket upgrade", 426);
  if (!chat.success || !chat.data.chat) return c.text("Unknown chat", 404);
  return (await phoneStub(c)).fetch(c.req.raw);
});

simulatorApp.get("/avatars/:file", async (c) => {
  const match = /^([A-Za-z0-9_-]{1,64})\.svg$/.exec(c.req.param("file"));
  if (!match?.[1]) return c.notFound();
  const id = match[1];
  if (id === "account") {
    const account = await phoneChannel(c);
    if (account.fromEnv) return svg(avatarSvg("account", "LD", "account"));
    return new Response(avatarSvg("account", account.name, "account"), { headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "private, no-cache" } });
  }
  const stub = await phoneStub(c);
  if (/^U[0-9a-f]{32}$/.test(id)) {
    const user = await stub.user(id);
    return svg(avatarSvg(id, user?.displayName ?? "?"), user ? 300 : 60);
  }
  const chat = /^[CR][0-9a-f]{32}$/.test(id) ? await stub.chat(id) : null;
  return svg(avatarSvg(id, chat?.name ?? "?", "group"), chat ? 300 : 60);
});

/** A fake account's profile picture (bot info's pictureUrl): its initials on LINE green. */
simulatorApp.get("/accounts/:file", async (c) => {
  const match = /^([0-9A-Za-z_-]{1,64})\.svg$/.exec(c.req.param("file"));
  const account = match?.[1] ? await channelForId(c.env, match[1]) : null;
  if (!account) return c.notFound();
  return svg(avatarSvg(account.channelId, account.name, "account"), 300);
});

simulatorApp.get("/stickers/:packageId/:stickerId", (c) => {
  const ids = z.object({ packageId: z.string().regex(/^\d{1,20}$/), stickerId: z.string().regex(/^\d{1,20}$/) }).safeParse(c.req.param());
  if (!ids.success) return c.notFound();
  return svg(stickerSvg(ids.data.packageId, ids.data.stickerId), 604_800);
});

simulatorApp.get("/emoji/:productId/:emojiId", (c) => {
  const ids = z.object({ productId: z.string().regex(/^[0-9a-f]{1,40}$/), emojiId: z.string().regex(/^\d{1,10}$/) }).safeParse(c.req.param());
  if (!ids.success) return c.notFound();
  return svg(emojiSvg(ids.data.productId, ids.data.emojiId), 604_800);
});

simulatorApp.get("/media/:messageId", async (c) => {
  const id = z.string().regex(/^\d{1,30}$/).safeParse(c.req.param("messageId"));
  if (!id.success) return c.notFound();
  const media = await (await phoneStub(c)).media(id.data, false);
  if (!media.found) return c.notFound();
  return new Response(media.bytes, { headers: { "content-type": media.contentType, "cache-control": "private, max-age=3600" } });
});
