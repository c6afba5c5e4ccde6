// Helpers for the simulator's tests: a per-file simulator instance (its own channel id,
// so its Durable Object is not shared), a stub for the webhook POSTs the phone makes,
// and small request wrappers for the fake API and the phone's JSON actions.
import type { webhook } from "@line/bot-sdk";
import { env } from "cloudflare:test";
import { vi } from "vitest";
import type { Bindings } from "../../src/env";
import { simulatorApp } from "../../src/simulator/routes";
import { simulatorStub } from "../../src/simulator/simulator-do";

export const ORIGIN = "http://127.0.0.1:8787";
export const TOKEN = "sim-test-access-token";
export const SECRET = "sim-test-channel-secret-0123456789";

export interface Sim {
  env: Bindings;
  channelId: string;
  stub: ReturnType<typeof simulatorStub>;
  /** A request to the simulator app as mounted at /simulator (pass paths without the prefix). */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** A simulator bound to its own channel id (and so its own Durable Object). */
export function simulator(channelId: string): Sim {
  const testEnv: Bindings = { ...env, LINE_CHANNEL_ID: channelId, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN };
  return {
    env: testEnv,
    channelId,
    stub: simulatorStub(testEnv, channelId),
    request: async (path, init) => simulatorApp.request(`${ORIGIN}${path}`, init, testEnv),
  };
}

export interface CapturedWebhook {
  url: string;
  headers: Headers;
  rawBody: string;
  body: webhook.CallbackRequest;
}

/**
 * Stubs the outbound fetch the simulator makes to the app's webhook URL. `status`
 * decides how the "app" answers. Other requests are refused loudly.
 */
export function captureWebhooks(status: number | (() => number) = 200) {
  const captured: CapturedWebhook[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.includes("/webhooks/line/")) throw new Error(`unexpected fetch in simulator test: ${request.url}`);
    const rawBody = await request.text();
    captured.push({ url: request.url, headers: request.headers, rawBody, body: JSON.parse(rawBody) as webhook.CallbackRequest });
    return new Response("OK", { status: typeof status === "function" ? status() : status });
  });
  return {
    captured,
    last(): CapturedWebhook {
      const hook = captured[captured.length - 1];
      if (!hook) throw new Error("no webhook was sent");
      return hook;
    },
    restore: () => spy.mockRestore(),
  };
}

export function firstEvent(hook: CapturedWebhook): webhook.Event {
  const event = hook.body.events[0];
  if (!event) throw new Error("webhook has no events");
  return event;
}

/** The fake Messaging API with the right bearer token. */
export function api(sim: Sim, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return sim.request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A phone action with a JSON body; answers `{ ok, chatId, result }`. */
export async function phone(sim: Sim, path: string, body: unknown = {}): Promise<{ ok: boolean; chatId?: string; error?: string; result?: { delivery: string; webhookEventId: string; status: number | null } }> {
  const res = await sim.request(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

/** Creates a fake customer (a follow event) and returns their user id. */
export async function newCustomer(sim: Sim, displayName = "Test Customer", language = "en"): Promise<string> {
  const out = await phone(sim, "/users", { displayName, language });
  if (!out.ok || !out.chatId) throw new Error(`could not create a customer: ${out.error}`);
  return out.chatId;
}

/** The customer writes; returns the message event the app received. */
export async function customerSays(sim: Sim, hooks: ReturnType<typeof captureWebhooks>, chatId: string, text: string): Promise<webhook.MessageEvent> {
  const out = await phone(sim, `/chats/${chatId}/send`, { kind: "text", text });
  if (!out.ok) throw new Error(`send failed: ${out.error}`);
  const event = firstEvent(hooks.last());
  if (event.type !== "message") throw new Error(`expected a message event, got ${event.type}`);
  return event;
}

export async function entries(sim: Sim, chatId: string): Promise<Array<{ direction: string; via?: string; message?: { type: string; text?: string }; readAt?: number | null }>> {
  const res = await sim.request(`/control/chats/${chatId}/messages`);
  const body: { entries: Array<{ direction: string; via?: string; message?: { type: string; text?: string }; readAt?: number | null }> } = await res.json();
  return body.entries;
}
