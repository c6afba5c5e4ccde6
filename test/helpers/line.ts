// Test helpers for the LINE side: signed webhook requests and routing the app's
// LINE API calls to the built-in simulator (the real fake API, in this isolate).
import { env, SELF } from "cloudflare:test";
import { vi } from "vitest";
import { signBody } from "../../src/lib/crypto";

export const CHANNEL_ID = env.LINE_CHANNEL_ID ?? "";
export const CHANNEL_SECRET = env.LINE_CHANNEL_SECRET ?? "";
export const DESTINATION = `U${"0".repeat(32)}`;

let counter = 0;
/** A ULID-shaped unique webhookEventId. */
export function eventId(): string {
  counter++;
  return `01TEST${Date.now().toString(36).toUpperCase()}${String(counter).padStart(8, "0")}${Math.random().toString(36).slice(2, 6).toUpperCase()}`.slice(0, 26);
}

export function userId(seed: string): string {
  let hex = "";
  for (const ch of seed) hex += ch.charCodeAt(0).toString(16);
  return `U${hex.padEnd(32, "0").slice(0, 32)}`;
}

export interface EventOptions {
  userId?: string;
  source?: Record<string, unknown>;
  replyToken?: string | null;
  mode?: "active" | "standby";
  webhookEventId?: string;
  isRedelivery?: boolean;
  timestamp?: number;
}

function envelope(type: string, o: EventOptions) {
  return {
    type,
    timestamp: o.timestamp ?? Date.now(),
    mode: o.mode ?? "active",
    webhookEventId: o.webhookEventId ?? eventId(),
    deliveryContext: { isRedelivery: o.isRedelivery ?? false },
    source: o.source ?? { type: "user", userId: o.userId ?? userId("default") },
  };
}

export function messageEvent(message: Record<string, unknown>, o: EventOptions = {}) {
  return { ...envelope("message", o), ...(o.replyToken === null ? {} : { replyToken: o.replyToken ?? `rt-${eventId()}` }), message };
}

export function textEvent(text: string, o: EventOptions = {}) {
  return messageEvent({ type: "text", id: String(Date.now()) + String(++counter), text, quoteToken: `q-${counter}`, markAsReadToken: `mr-${counter}` }, o);
}

export function event(type: string, fields: Record<string, unknown>, o: EventOptions = {}) {
  return { ...envelope(type, o), ...fields };
}

export async function postWebhook(body: unknown, options: { signature?: string | null; channelId?: string; raw?: string } = {}) {
  const text = options.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? await signBody(CHANNEL_SECRET, text) : options.signature;
  if (signature !== null) headers["x-line-signature"] = signature;
  return SELF.fetch(`https://linedesk.test/webhooks/line/${options.channelId ?? CHANNEL_ID}`, { method: "POST", headers, body: text });
}

export function webhookBody(events: unknown[]) {
  return { destination: DESTINATION, events };
}

export interface LineCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Override = (call: LineCall) => Response | null | undefined;
let override: Override | undefined;
let calls: LineCall[] = [];
let installed = false;

/**
 * Routes every call the app makes to LINE (http://line.test/...) to the
 * simulator's fake Messaging API in this worker — installed once per test file
 * by setup.ts, so background alarms never reach for the network either.
 */
export function installLineRouting(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.host !== "line.test") return original(request);
    const text = request.method === "GET" ? "" : await request.clone().text();
    const call: LineCall = { method: request.method, path: url.pathname.replace(/^\/simulator\/line(-data)?/, ""), headers: request.headers, body: text ? JSON.parse(text) : null };
    calls.push(call);
    const answer = override?.(call);
    if (answer) return answer;
    return SELF.fetch(`https://linedesk.test${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body: text || undefined });
  });
}

/**
 * Starts recording LINE calls for one test. `answer` may answer a call itself
 * (e.g. a 500) to test failure handling; everything else goes to the simulator.
 * `restore` stops answering (routing to the simulator continues).
 */
export function routeLineToSimulator(answer?: Override) {
  calls = [];
  override = answer;
  const mine = calls;
  return {
    calls: mine,
    restore: () => {
      override = undefined;
    },
  };
}
