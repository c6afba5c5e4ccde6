// One HTTP delivery attempt: the signed POST, a 10 s timeout, no redirects
// followed, and what came back (status, time taken, the start of the body).
// The signature scheme is documented in README "Outbound webhooks".
import { hmacSha256Hex } from "../lib/crypto";
import type { WebhookPayload } from "./catalog";
import { REQUEST_TIMEOUT_MS } from "./policy";
import { stored } from "./stored-text";

export const USER_AGENT = "linedesk-webhooks/1";
const SNIPPET_CHARS = 300;
const SNIPPET_BYTES = 4096;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** The start of the response body (printable text only). */
  snippet: string | null;
  /** Why there was no 2xx, in words. */
  error: string | null;
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed with the subscription's secret. */
export async function signature(secret: string, timestamp: number, body: string): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** The request headers; the timestamp is the attempt's (Unix seconds), so receivers can refuse replays. */
export async function deliveryHeaders(secret: string, payload: Pick<WebhookPayload, "id" | "type">, body: string, now: number): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "x-linedesk-event": payload.type,
    "x-linedesk-delivery": payload.id,
    "x-linedesk-timestamp": String(timestamp),
    "x-linedesk-signature": await signature(secret, timestamp, body),
  };
}

/** POSTs `body` to `url`. Never throws: network errors and timeouts are results too. */
export async function attemptDelivery(url: string, secret: string, payload: Pick<WebhookPayload, "id" | "type">, body: string, now = Date.now()): Promise<AttemptResult> {
  const headers = await deliveryHeaders(secret, payload, body, now);
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, statusCode: null, durationMs: Date.now() - started, snippet: null, error: describeFailure(error) };
  }
  const snippet = await readSnippet(response);
  const durationMs = Date.now() - started;
  const ok = response.status >= 200 && response.status < 300;
  return { ok, statusCode: response.status, durationMs, snippet, error: ok ? null : statusError(response) };
}

function statusError(response: Response): string {
  if (response.status >= 300 && response.status < 400) return stored.redirected(response.status);
  return `HTTP ${response.status}`;
}

function describeFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return stored.timeout(REQUEST_TIMEOUT_MS / 1000);
  const message = error instanceof Error ? error.message : String(error);
  return stored.couldNotConnect(printable(message).slice(0, 160));
}

/** Reads at most a few KB of the body and keeps its printable start. */
async function readSnippet(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // A body that breaks off still leaves what was read.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  const text = printable(new TextDecoder().decode(bytes)).trim();
  if (!text) return null;
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text;
}

function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").replace(/\s+/g, " ");
}
