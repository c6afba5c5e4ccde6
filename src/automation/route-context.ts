// What every automation settings route needs: the viewer, the workspace's
// channels and the one being edited (?channel= or the form's channel field,
// else the first), its settings, and the htmx check.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { loadViewer, type Viewer } from "../settings/context";
import { stickerUrlFor } from "../line/stickers";
import { t } from "../ui/i18n";
import { customerLanguage } from "./customer-text";
import { channelQuery } from "./forms";
import { listRules } from "./rules";
import { type AutomationSettings, listHolidays, settingsFor, workspaceChannels } from "./settings";
import type { PreviewContext } from "./views/messages-page";
import type { ChannelChoice } from "./views/shell";

export interface AutomationContext {
  viewer: Viewer;
  channels: ChannelChoice[];
  channel: ChannelChoice;
  settings: AutomationSettings;
  who: { workspaceId: string; actorId: string };
}

export function isHtmx(c: Context<AppEnv>): boolean {
  return c.req.header("hx-request") === "true";
}

/** The form body as strings (files and repeated fields ignored). */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

export async function automationContext(c: Context<AppEnv>, body?: Record<string, string>): Promise<AutomationContext> {
  const viewer = await loadViewer(c);
  const channels = await workspaceChannels(c.env.DB, viewer.workspaceId);
  const wanted = channelQuery.parse({ channel: body?.channel ?? c.req.query("channel") }).channel;
  const channel = wanted ? channels.find((ch) => ch.id === wanted) : channels[0];
  if (!channel) {
    throw new HTTPException(404, { message: wanted ? t("automation.error.channelNotFound") : t("automation.error.noChannel") });
  }
  return { viewer, channels, channel, settings: await settingsFor(c.env.DB, channel), who: { workspaceId: viewer.workspaceId, actorId: viewer.id } };
}

/** Where a plain (no-JS) form goes back to after saving. */
export function backTo(path: string, channelId: string): string {
  return `${path}?channel=${encodeURIComponent(channelId)}`;
}

/** What previews need: channel name, hours (for {{next_open}}), stickers, the listable keywords. */
export async function previewContext(c: Context<AppEnv>, ctx: AutomationContext): Promise<PreviewContext> {
  const [holidays, rules] = await Promise.all([listHolidays(c.env.DB, ctx.channel.id), listRules(c.env.DB, ctx.viewer.workspaceId, ctx.channel.id)]);
  const keywords = rules.filter((r) => r.enabled && r.matchMode !== "regex").map((r) => r.keywords[0] ?? "").filter(Boolean).slice(0, 13);
  return { channelName: ctx.channel.name, settings: ctx.settings, holidays, stickerUrl: stickerUrlFor(c.env), keywords, language: customerLanguage(c.get("session").workspaceLanguage) };
}
