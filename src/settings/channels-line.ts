// What Settings → Channels asks LINE, and how it explains the answers: the
// credential check on save (GET /v2/bot/info), the advice that follows from the
// account's settings, and the webhook URL this linedesk serves for a channel.
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { type BotInfo, fetchBotInfo } from "../line/account";
import { createLineClient, type LineClient, LineApiError } from "../line/client";
import { t } from "../ui/i18n";

/** Settings pages wait at most this long for LINE (a save must not hang). */
const LINE_TIMEOUT_MS = 8_000;

export function lineClientFor(env: Bindings, accessToken: string): LineClient {
  return createLineClient({ accessToken, apiBase: lineApiBase(env), dataBase: lineDataApiBase(env), timeoutMs: LINE_TIMEOUT_MS });
}

/** `<origin>/webhooks/line/<LINE channel id>`: what LINE must POST to for this channel. */
export function webhookUrlFor(origin: string, lineChannelId: string): string {
  return `${origin}/webhooks/line/${encodeURIComponent(lineChannelId)}`;
}

/** A LINE failure in words an admin can act on (LINE's own message included). */
export function explainLineError(error: unknown): string {
  if (!(error instanceof LineApiError)) return t("settings.channels.line.unreadable");
  if (error.status === 0) return t(timedOut(error) ? "settings.channels.line.timeout" : "settings.channels.line.unreachable");
  if (error.status === 401) return t("settings.channels.line.refused401", { message: error.message });
  return t("settings.channels.line.answered", { reason: error.reason });
}

/** The LINE client's own words for a call that timed out (status 0, no answer). */
function timedOut(error: LineApiError): boolean {
  return error.message.startsWith("LINE did not answer");
}

export type AccountCheck = { ok: true; info: BotInfo } | { ok: false; field: "accessToken" | "_form"; message: string };

/**
 * Checks credentials the way LINE can: GET /v2/bot/info with the access token.
 * (No LINE API checks a channel secret: the webhook test does, see the channel page.)
 */
export async function checkAccount(env: Bindings, accessToken: string): Promise<AccountCheck> {
  try {
    return { ok: true, info: await fetchBotInfo(lineClientFor(env, accessToken)) };
  } catch (error) {
    if (error instanceof LineApiError && error.status === 401) {
      return { ok: false, field: "accessToken", message: t("settings.channels.line.tokenRefused", { message: error.message }) };
    }
    if (error instanceof LineApiError && error.status === 0) {
      return { ok: false, field: "_form", message: t(timedOut(error) ? "settings.channels.line.checkTimeout" : "settings.channels.line.checkUnreachable") };
    }
    return { ok: false, field: "_form", message: t("settings.channels.line.checkFailed", { why: explainLineError(error) }) };
  }
}

export interface Advice {
  /** warning: linedesk will not work as expected; note: worth knowing. */
  level: "warning" | "note";
  title: string;
  text: string;
}

/**
 * What the account's settings mean for linedesk. Per LINE's documentation, turning
 * Chat on in the Official Account Manager makes markAsReadMode "manual" (needed for
 * linedesk's read receipts) and Chat off makes it "auto"; webhooks are delivered
 * either way. LINE's own auto-response and greeting cannot be read by any API, so
 * that advice is always shown.
 */
export function channelAdvice(channel: { chatMode: "chat" | "bot" | null; markAsReadMode: "auto" | "manual" | null; botInfoCheckedAt: number | null }): Advice[] {
  const advice: Advice[] = [];
  if (channel.botInfoCheckedAt === null) {
    advice.push({ level: "warning", title: t("settings.channels.advice.uncheckedTitle"), text: t("settings.channels.advice.uncheckedText") });
  }
  if (channel.markAsReadMode === "auto") {
    advice.push({ level: "warning", title: t("settings.channels.advice.autoReadTitle"), text: t("settings.channels.advice.autoReadText") });
  }
  if (channel.chatMode === "chat") {
    advice.push({ level: "note", title: t("settings.channels.advice.chatTitle"), text: t("settings.channels.advice.chatText") });
  }
  advice.push({ level: "note", title: t("settings.channels.advice.autoReplyTitle"), text: t("settings.channels.advice.autoReplyText") });
  return advice;
}
