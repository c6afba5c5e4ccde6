// Outbound delivery policy: reply token first (free), push as fallback with a
// stored X-Line-Retry-Key so a retry can never send twice.
import type { LineClient, LineMessage } from "../line/client";
import { LineApiError } from "../line/client";
import type { DeliveryVia } from "./model";

/** LINE reply tokens live about a minute; we stop using them at 50 s to leave time for the call. */
export const REPLY_TOKEN_MAX_AGE_MS = 50_000;
/** Push retries after timeouts/5xx: backoff 2 s, 4 s, 8 s ... up to this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 6;

export interface ReplyTokenState {
  token: string;
  receivedAt: number;
  used: boolean;
}

export function usableReplyToken(state: ReplyTokenState | null, now: number): string | null {
  if (!state || state.used) return null;
  return now - state.receivedAt < REPLY_TOKEN_MAX_AGE_MS ? state.token : null;
}

/** When the current reply token stops being usable (epoch ms), or null when the next send will push. */
export function replyTokenExpiresAt(state: ReplyTokenState | null, now: number): number | null {
  return usableReplyToken(state, now) && state ? state.receivedAt + REPLY_TOKEN_MAX_AGE_MS : null;
}

export type DeliveryOutcome =
  | { kind: "sent"; via: DeliveryVia }
  | { kind: "retry"; reason: string }
  | { kind: "failed"; reason: string };

export interface DeliveryRequest {
  client: LineClient;
  messages: LineMessage[];
  /** A fresh unused reply token, or null to push. The caller marks it used before calling. */
  replyToken: string | null;
  pushTo: string | null;
  retryKey: string;
}

/**
 * Sends once. A rejected reply token (expired or used elsewhere) falls back to
 * push at once; push failures are classified: timeout/5xx → retry, 409 → sent
 * (LINE already accepted this retry key), other 4xx → failed with LINE's reason.
 */
export async function deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
  if (req.replyToken) {
    try {
      await req.client.reply({ replyToken: req.replyToken, messages: req.messages });
      return { kind: "sent", via: "reply" };
    } catch (error) {
      if (!(error instanceof LineApiError)) throw error;
      // 400 (invalid/expired token) and 5xx/timeouts fall back to push; other
      // errors (bad message, rate limit) would fail the same way on push.
      if (!(error.status === 400 && /reply token/i.test(error.message)) && !error.retryable) {
        return { kind: "failed", reason: error.reason };
      }
    }
  }
  if (!req.pushTo) return { kind: "failed", reason: "This conversation has no LINE user, group or room to push to" };
  try {
    await req.client.push({ to: req.pushTo, messages: req.messages }, req.retryKey);
    return { kind: "sent", via: "push" };
  } catch (error) {
    if (!(error instanceof LineApiError)) throw error;
    if (error.status === 409) return { kind: "sent", via: "push" };
    if (error.retryable) return { kind: "retry", reason: error.reason };
    return { kind: "failed", reason: error.reason };
  }
}

export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60_000);
}
