// /settings/channels (admins and owners): add, edit, disable, enable and remove LINE
// channels; check them with LINE (bot info), set and test the webhook URL on LINE, and
// the add-friend QR code. Every change is audited and drops the channel cache.
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requireRole } from "../auth/middleware";
import type { AppEnv } from "../env";
import { addFriendUrl, type BotInfo, fetchWebhookEndpoint, setWebhookEndpoint, testWebhookEndpoint, type WebhookEndpoint } from "../line/account";
import { LineApiError } from "../line/client";
import { changeContext, isHtmx, loadViewer, notFound, type Viewer } from "./context";
import { channelCreateForm, channelEditForm, channelListQuery, channelRemoveForm } from "./channels-forms";
import { checkAccount, explainLineError, lineClientFor, webhookUrlFor } from "./channels-line";
import {
  auditWebhookAction, botUserTaken, type ChannelSummary, channelNameTaken, channelUsage, createChannel, findChannel,
  lineChannelTaken, listChannels, removeChannel, saveBotInfo, setChannelDisabled, storedAccessToken, updateChannel,
} from "./channels-store";
import { type FieldErrors, fieldErrors, idParam, submittedText } from "./forms";
import { ChannelAccountCard } from "./views/channel-account";
import { ChannelForm } from "./views/channel-form";
import { CHANNELS_PATH, ChannelListPage, ChannelNewPage } from "./views/channel-list";
import { ChannelEditPage, ChannelPage, type ChannelPageProps } from "./views/channel-page";
import { qrSvgDocument } from "./views/channel-qr";
import { WebhookCurrent, type WebhookStatusProps, WebhookStatus } from "./views/channel-webhook";
import { t } from "../ui/i18n";

const badId = zValidator("param", idParam, (r) => {
  if (!r.success) throw notFound("channel");
});

function origin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

async function loadChannel(c: Context<AppEnv>, id: string): Promise<ChannelSummary> {
  const channel = await findChannel(c.env.DB, c.get("session").workspaceId, id);
  if (!channel) throw notFound("channel");
  return channel;
}

async function tokenOf(c: Context<AppEnv>, channel: ChannelSummary): Promise<string> {
  const token = await storedAccessToken(c.env.DB, c.env.APP_SECRET, c.get("session").workspaceId, channel.id);
  if (!token) throw notFound("channel");
  return token;
}

/** After a successful save: the channel page (htmx follows HX-Redirect, a plain form the 303). */
function goTo(c: Context<AppEnv>, url: string): Response {
  if (!isHtmx(c)) return c.redirect(url, 303);
  c.header("HX-Redirect", url);
  return c.body(null, 200);
}

type PageExtras = Partial<Pick<ChannelPageProps, "accountError">> & { webhook?: Partial<WebhookStatusProps>; confirmError?: string };

async function renderChannelPage(c: Context<AppEnv>, viewer: Viewer, channel: ChannelSummary, extras: PageExtras = {}, status: 200 | 422 | 502 = 200) {
  const usage = await channelUsage(c.env.DB, channel.id);
  const webhook = { channelId: channel.id, expected: webhookUrlFor(origin(c), channel.lineChannelId), ...extras.webhook };
  const danger = { usage, fromEnv: c.env.LINE_CHANNEL_ID === channel.lineChannelId, confirmError: extras.confirmError };
  return c.html(<ChannelPage viewer={viewer} channel={channel} webhook={webhook} danger={danger} accountError={extras.accountError} />, status);
}

/** Webhook buttons answer with the status fragment (htmx) or the whole page. */
async function answerWebhook(c: Context<AppEnv>, channel: ChannelSummary, status: Partial<WebhookStatusProps>, code: 200 | 422 | 502 = 200) {
  if (!isHtmx(c)) return renderChannelPage(c, await loadViewer(c), channel, { webhook: status }, code);
  return c.html(<WebhookStatus channelId={channel.id} expected={webhookUrlFor(origin(c), channel.lineChannelId)} {...status} />, code);
}

/** 422 when LINE refused (4xx), 502 when it could not be reached or failed. */
function lineFailureStatus(error: unknown): 422 | 502 {
  return error instanceof LineApiError && error.status >= 400 && error.status < 500 ? 422 : 502;
}

/** Checks a token with LINE and that no other channel already is that bot. */
async function checkForSave(c: Context<AppEnv>, accessToken: string, exceptId?: string): Promise<{ info: BotInfo } | { errors: FieldErrors }> {
  const check = await checkAccount(c.env, accessToken);
  if (!check.ok) return { errors: { [check.field]: check.message } };
  const other = await botUserTaken(c.env.DB, check.info.userId, exceptId);
  if (other) {
    // Another workspace's channel names are not this admin's business.
    const params = { account: check.info.displayName, basicId: check.info.basicId, channel: other.name };
    return { errors: { accessToken: other.workspaceId === c.get("session").workspaceId ? t("settings.channels.botTakenHere", params) : t("settings.channels.botTaken", params) } };
  }
  return { info: check.info };
}

export const channelRoutes = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", zValidator("query", channelListQuery), async (c) => {
    const viewer = await loadViewer(c);
    const { cursor } = c.req.valid("query");
    const list = await listChannels(c.env.DB, viewer.workspaceId, cursor);
    return c.html(<ChannelListPage viewer={viewer} {...list} paged={Boolean(cursor)} origin={origin(c)} />);
  })
  .get("/new", async (c) => c.html(<ChannelNewPage viewer={await loadViewer(c)} />))
  .post("/", async (c) => {
    const viewer = await loadViewer(c);
    const body = await c.req.parseBody();
    const values = submittedText(body, ["name", "lineChannelId"]);
    const parsed = channelCreateForm.safeParse(body);
    let errors: FieldErrors | null = parsed.success ? null : fieldErrors(parsed.error);
    let info: BotInfo | null = null;
    if (parsed.success) {
      if (await lineChannelTaken(c.env.DB, parsed.data.lineChannelId)) errors = { lineChannelId: t("settings.channels.idTaken") };
      else if (await channelNameTaken(c.env.DB, viewer.workspaceId, parsed.data.name)) errors = { name: t("settings.channels.nameTaken") };
      else {
        const checked = await checkForSave(c, parsed.data.accessToken);
        if ("errors" in checked) errors = checked.errors;
        else info = checked.info;
      }
    }
    if (!parsed.success || errors || !info) {
      const form = { values, errors: errors ?? {} };
      return c.html(isHtmx(c) ? <ChannelForm csrfToken={viewer.csrfToken} {...form} /> : <ChannelNewPage viewer={viewer} {...form} />, 422);
    }
    const id = await createChannel(c.env.DB, c.env.APP_SECRET, changeContext(c), { ...parsed.data, botInfo: info });
    return goTo(c, `${CHANNELS_PATH}/${id}`);
  })
  .get("/:id", badId, async (c) => renderChannelPage(c, await loadViewer(c), await loadChannel(c, c.req.valid("param").id)))
  .get("/:id/edit", badId, async (c) => c.html(<ChannelEditPage viewer={await loadViewer(c)} channel={await loadChannel(c, c.req.valid("param").id)} />))
  .post("/:id", badId, async (c) => {
    const viewer = await loadViewer(c);
    const channel = await loadChannel(c, c.req.valid("param").id);
    const body = await c.req.parseBody();
    const values = { name: submittedText(body, ["name"]).name ?? "" };
    const parsed = channelEditForm.safeParse(body);
    let errors: FieldErrors | null = parsed.success ? null : fieldErrors(parsed.error);
    let info: BotInfo | null = null;
    if (parsed.success) {
      if (await channelNameTaken(c.env.DB, viewer.workspaceId, parsed.data.name, channel.id)) errors = { name: t("settings.channels.nameTaken") };
      else {
        const checked = await checkForSave(c, parsed.data.accessToken ?? (await tokenOf(c, channel)), channel.id);
        if ("errors" in checked) errors = checked.errors;
        else info = checked.info;
      }
    }
    if (!parsed.success || errors || !info) {
      const form = { channel, values, errors: errors ?? {} };
      return c.html(isHtmx(c) ? <ChannelForm csrfToken={viewer.csrfToken} {...form} /> : <ChannelEditPage viewer={viewer} {...form} />, 422);
    }
    await updateChannel(c.env.DB, c.env.APP_SECRET, changeContext(c), channel, { ...parsed.data, botInfo: info });
    return goTo(c, `${CHANNELS_PATH}/${channel.id}`);
  })
  .post("/:id/refresh", badId, async (c) => {
    const viewer = await loadViewer(c);
    const channel = await loadChannel(c, c.req.valid("param").id);
    const check = await checkAccount(c.env, await tokenOf(c, channel));
    if (!check.ok) {
      if (!isHtmx(c)) return renderChannelPage(c, viewer, channel, { accountError: check.message }, 422);
      return c.html(<ChannelAccountCard channel={channel} csrfToken={viewer.csrfToken} error={check.message} />, 422);
    }
    await saveBotInfo(c.env.DB, changeContext(c), channel, check.info);
    if (!isHtmx(c)) return c.redirect(`${CHANNELS_PATH}/${channel.id}`, 303);
    return c.html(<ChannelAccountCard channel={await loadChannel(c, channel.id)} csrfToken={viewer.csrfToken} refreshed />);
  })
  .get("/:id/webhook", badId, async (c) => {
    // The page's loader asks for one line (htmx); without JavaScript, the whole page.
    const channel = await loadChannel(c, c.req.valid("param").id);
    let answer: { current?: WebhookEndpoint; error?: string } = {};
    let code: 200 | 422 | 502 = 200;
    try {
      answer = { current: await fetchWebhookEndpoint(lineClientFor(c.env, await tokenOf(c, channel))) };
    } catch (error) {
      answer = { error: t("settings.channels.webhook.readFailed", { why: explainLineError(error) }) };
      code = lineFailureStatus(error);
    }
    if (!isHtmx(c)) return renderChannelPage(c, await loadViewer(c), channel, { webhook: answer }, code);
    return c.html(<WebhookCurrent channelId={channel.id} expected={webhookUrlFor(origin(c), channel.lineChannelId)} {...answer} />, code);
  })
  .post("/:id/webhook/set", badId, async (c) => {
    const channel = await loadChannel(c, c.req.valid("param").id);
    const client = lineClientFor(c.env, await tokenOf(c, channel));
    const endpoint = webhookUrlFor(origin(c), channel.lineChannelId);
    try {
      await setWebhookEndpoint(client, endpoint);
    } catch (error) {
      return answerWebhook(c, channel, { error: t("settings.channels.webhook.setFailed", { why: explainLineError(error) }) }, lineFailureStatus(error));
    }
    await auditWebhookAction(c.env.DB, changeContext(c), channel, "set", { endpoint });
    const current = await fetchWebhookEndpoint(client).catch(() => undefined);
    return answerWebhook(c, channel, { justSet: true, current });
  })
  .post("/:id/webhook/test", badId, async (c) => {
    const channel = await loadChannel(c, c.req.valid("param").id);
    const client = lineClientFor(c.env, await tokenOf(c, channel));
    try {
      // Test the URL LINE really uses; when it has none yet, ours.
      const current = await fetchWebhookEndpoint(client);
      const test = await testWebhookEndpoint(client, current.endpoint ? undefined : webhookUrlFor(origin(c), channel.lineChannelId));
      await auditWebhookAction(c.env.DB, changeContext(c), channel, "tested", { success: test.success ?? false, statusCode: test.statusCode, reason: test.reason });
      return answerWebhook(c, channel, { current, test });
    } catch (error) {
      return answerWebhook(c, channel, { error: t("settings.channels.webhook.testFailed", { why: explainLineError(error) }) }, lineFailureStatus(error));
    }
  })
  .post("/:id/disable", badId, async (c) => {
    const channel = await loadChannel(c, c.req.valid("param").id);
    if (channel.disabledAt === null) await setChannelDisabled(c.env.DB, changeContext(c), channel, true);
    return c.redirect(`${CHANNELS_PATH}/${channel.id}`, 303);
  })
  .post("/:id/enable", badId, async (c) => {
    const channel = await loadChannel(c, c.req.valid("param").id);
    if (channel.disabledAt !== null) await setChannelDisabled(c.env.DB, changeContext(c), channel, false);
    return c.redirect(`${CHANNELS_PATH}/${channel.id}`, 303);
  })
  .post("/:id/delete", badId, async (c) => {
    const viewer = await loadViewer(c);
    const channel = await loadChannel(c, c.req.valid("param").id);
    if (c.env.LINE_CHANNEL_ID === channel.lineChannelId) {
      throw new HTTPException(409, { message: t("settings.channels.removeFromEnv") });
    }
    const usage = await channelUsage(c.env.DB, channel.id);
    if (usage.conversations > 0 || usage.contacts > 0) {
      throw new HTTPException(409, { message: t("settings.channels.removeUsed") });
    }
    const { confirmName } = channelRemoveForm.parse(await c.req.parseBody());
    if (confirmName.toLowerCase() !== channel.name.toLowerCase()) {
      return renderChannelPage(c, viewer, channel, { confirmError: t("settings.channels.removeConfirmError", { name: channel.name }) }, 422);
    }
    await removeChannel(c.env.DB, changeContext(c), channel);
    return c.redirect(CHANNELS_PATH, 303);
  })
  .get("/:id/qr.svg", badId, async (c) => {
    const channel = await loadChannel(c, c.req.valid("param").id);
    const id = channel.premiumId ?? channel.basicId;
    if (!id) throw new HTTPException(404, { message: t("settings.channels.qrUnknown") });
    return c.body(qrSvgDocument(addFriendUrl(id)), 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "content-disposition": `attachment; filename="line-add-friend-${id.replace(/[^A-Za-z0-9_-]/g, "")}.svg"`,
      "cache-control": "private, no-cache",
    });
  });
