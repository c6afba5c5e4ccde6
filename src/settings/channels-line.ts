// What Settings → Channels asks LINE, and how it explains the answers: the
// credential check on save (GET /v2/bot/info), the advice that follows from the
// account's settings, and the webhook URL this linedesk serves for a channel.
import type { Bindings } from "../env";
import { lineApiBase, lineDataApiBase } from "../env";
import { type BotInfo, fetchBotInfo } from "../line/account";
import { createLineClient, type LineClient, LineApiError } from "../line/client";

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
  if (!(error instanceof LineApiError)) return "LINE's answer could not be read. Nothing was changed.";
  if (error.status === 0) return `${error.message}. Nothing was changed; try again in a moment.`;
  if (error.status === 401) return `LINE refused the channel access token (401: ${error.message}). Issue a new long-lived token on the Messaging API tab and save it here.`;
  return `LINE answered ${error.reason}.`;
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
      return { ok: false, field: "accessToken", message: `LINE refused this access token: ${error.message}` };
    }
    if (error instanceof LineApiError && error.status === 0) {
      return { ok: false, field: "_form", message: `The credentials could not be checked: ${error.message}. Nothing was saved; try again.` };
    }
    return { ok: false, field: "_form", message: `The credentials could not be checked: ${explainLineError(error)} Nothing was saved.` };
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
    advice.push({
      level: "warning",
      title: "Not checked with LINE yet",
      text: "This channel came from the LINE_CHANNEL_* variables. Refresh it from LINE to show the account, learn its bot user ID (webhooks for other bots are then refused) and check its settings.",
    });
  }
  if (channel.markAsReadMode === "auto") {
    advice.push({
      level: "warning",
      title: "Messages are marked read the moment they arrive",
      text: "Mark-as-read is automatic (Chat is off in the LINE Official Account Manager), so customers see “Read” before anyone has looked. Turn Chat on under Settings → Response settings: linedesk then marks messages read only when an agent opens the conversation. Webhooks keep working.",
    });
  }
  if (channel.chatMode === "chat") {
    advice.push({
      level: "note",
      title: "Chat is also on in the LINE Official Account Manager",
      text: "Staff could answer there too, but those answers never reach linedesk (no history, assignment or reports). Answer from linedesk only.",
    });
  }
  advice.push({
    level: "note",
    title: "Turn LINE's own auto-replies off",
    text: "In the LINE Official Account Manager (Settings → Response settings) switch off “Auto-response messages” and, if linedesk greets new friends, the “Greeting message”; otherwise customers get two answers. No LINE API can read these switches, so linedesk cannot check them for you.",
  });
  return advice;
}
