// Outbound delivery policy: reply token first (free), push as fallback with a
// stored X-Line-Retry-Key so a retry can never send twice.
import type { LineClient, LineMessage } from "../line/client";
import { LineApiError } from "../line/client";
import type { DeliveryVia } from "./model";

/** LINE reply tokens live about a minute; we stop using them at 50 s to leave time for the call. */
export const REPLY_TOKEN_MAX_AGE_MS = 50_000;
/** An unconfirmed reply is retried with its token until the token is this old; then it is "unknown". */
export const REPLY_RETRY_WINDOW_MS = 60_000;
/** Pause between retries of an unconfirmed reply. */
export const REPLY_RETRY_DELAY_MS = 2_000;
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
  /** A push that may be retried with its retry key (LINE dedupes it). */
  | { kind: "retry"; reason: string }
  /** A reply call that timed out or got a 5xx: it may have reached the customer. Retry the reply, never push. */
  | { kind: "reply-unconfirmed"; reason: string }
  /** LINE refused the token on a retry of an unconfirmed reply: nobody can tell whether the first call arrived. */
  | { kind: "unknown"; reason: string }
  | { kind: "failed"; reason: string }
  /**
   * LINE's rate limit (429, not the monthly limit): LINE sent nothing, so the same
   * call may go again after `retryAfterMs`. `tokenUnused`: the reply token this
   * attempt spent was not consumed by LINE and may be used again.
   */
  | { kind: "throttled"; reason: string; retryAfterMs: number | null; tokenUnused: boolean };

export interface DeliveryRequest {
  client: LineClient;
  messages: LineMessage[];
  /** A fresh unused reply token, or null to push. The caller marks it used before calling. */
  replyToken: string | null;
  /** True when replyToken was already sent once without LINE confirming it. */
  replyRetry?: boolean;
  pushTo: string | null;
  retryKey: string;
}

/**
 * Sends once. A reply token LINE rejects on the first try (expired, used
 * elsewhere) falls back to push at once — nothing reached the customer. A reply
 * call that timed out or got a 5xx may have reached them, so it is never
 * followed by a push: the caller retries the same reply, and if LINE then
 * refuses the token the outcome is "unknown". Push failures are classified:
 * timeout/5xx → retry (same retry key), 409 → sent (LINE already accepted this
 * key), LINE's rate limit (429) → throttled (sent again later, with the same
 * retry key), other 4xx → failed with LINE's reason.
 */
export async function deliver(req: DeliveryRequest): Promise<DeliveryOutcome> {
  if (req.replyToken) {
    try {
      await req.client.reply({ replyToken: req.replyToken, messages: req.messages });
      return { kind: "sent", via: "reply" };
    } catch (error) {
      if (!(error instanceof LineApiError)) throw error;
      if (error.rateLimited) return { kind: "throttled", reason: error.reason, retryAfterMs: error.retryAfterMs, tokenUnused: true };
      const tokenRefused = error.status === 400 && /reply token/i.test(error.message);
      if (tokenRefused && req.replyRetry) {
        return { kind: "unknown", reason: `LINE did not confirm the reply, then refused its token (${error.reason}): it may or may not have reached the customer` };
      }
      if (error.retryable) return { kind: "reply-unconfirmed", reason: error.reason };
      // Other errors (bad message, monthly limit) would fail the same way on push.
      if (!tokenRefused) return { kind: "failed", reason: error.reason };
    }
  }
  if (!req.pushTo) return { kind: "failed", reason: "This conversation has no LINE user, group or room to push to" };
  try {
    await req.client.push({ to: req.pushTo, messages: req.messages }, req.retryKey);
    return { kind: "sent", via: "push" };
  } catch (error) {
    if (!(error instanceof LineApiError)) throw error;
    if (error.status === 409) return { kind: "sent", via: "push" };
    if (error.rateLimited) return { kind: "throttled", reason: error.reason, retryAfterMs: error.retryAfterMs, tokenUnused: false };
    if (error.retryable) return { kind: "retry", reason: error.reason };
    return { kind: "failed", reason: error.reason };
  }
}

export function retryDelayMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 10 * 60_000);
}
