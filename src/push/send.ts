// One push request (RFC 8030): the encrypted payload POSTed to the
// subscription's endpoint with the VAPID Authorization, TTL, Urgency and Topic
// headers, and what the push service's answer means for us.
import { encryptPayload, InvalidSubscriptionKeys, type SubscriptionKeys } from "./encrypt";
import { utf8 } from "./base64url";
import { vapidAuthorization, type VapidKeys } from "./vapid";

export type Urgency = "very-low" | "low" | "normal" | "high";

export interface PushTarget {
  endpoint: string;
  keys: SubscriptionKeys;
}

export interface PushRequestOptions {
  /** Seconds the push service keeps the message for an offline device (0: deliver now or never). */
  ttl: number;
  urgency: Urgency;
  /** ≤ 32 base64url characters: a newer push with the same topic replaces an undelivered one. */
  topic?: string | null;
  now?: number;
}

/**
 * What happened: `sent`; `gone` (404/410 or keys that can never work: remove
 * the subscription); `retry` (429, 5xx, network; `retryAfterMs` when the service
 * said); `failed` (any other answer: retrying would not help).
 */
export type PushOutcome =
  | { kind: "sent"; status: number }
  | { kind: "gone"; status: number | null }
  | { kind: "retry"; status: number | null; retryAfterMs: number | null }
  | { kind: "failed"; status: number | null; reason: string };

/** Plaintexts are padded to a multiple of this, so a push's size says little about its text. */
const PAD_BLOCK = 256;
const TIMEOUT_MS = 10_000;

/** Builds the request without sending it (tests read it; sendPush sends it). */
export async function buildPushRequest(vapid: VapidKeys, target: PushTarget, payload: string, options: PushRequestOptions): Promise<Request> {
  const bytes = utf8(payload);
  const body = await encryptPayload(target.keys, bytes, { padTo: Math.ceil(bytes.length / PAD_BLOCK) * PAD_BLOCK });
  const headers: Record<string, string> = {
    authorization: await vapidAuthorization(vapid, target.endpoint, options.now),
    "content-encoding": "aes128gcm",
    "content-type": "application/octet-stream",
    ttl: String(Math.max(0, Math.floor(options.ttl))),
    urgency: options.urgency,
  };
  if (options.topic) headers.topic = options.topic;
  return new Request(target.endpoint, { method: "POST", headers, body });
}

/** Seconds or an HTTP date, as ms from now; null when absent or unreadable. */
function retryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Sends one push. Never throws: every failure is an outcome. */
export async function sendPush(vapid: VapidKeys, target: PushTarget, payload: string, options: PushRequestOptions): Promise<PushOutcome> {
  const now = options.now ?? Date.now();
  let request: Request;
  try {
    request = await buildPushRequest(vapid, target, payload, options);
  } catch (error) {
    if (error instanceof InvalidSubscriptionKeys) return { kind: "gone", status: null };
    return { kind: "failed", status: null, reason: error instanceof Error ? error.message : String(error) };
  }
  let response: Response;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
  } catch {
    return { kind: "retry", status: null, retryAfterMs: null };
  }
  // The answer's body is a push service's diagnostic; it is not needed.
  await response.body?.cancel();
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: "sent", status };
  if (status === 404 || status === 410) return { kind: "gone", status };
  if (status === 429 || status >= 500) return { kind: "retry", status, retryAfterMs: retryAfter(response.headers.get("retry-after"), now) };
  return { kind: "failed", status, reason: `push service answered ${status}` };
}
