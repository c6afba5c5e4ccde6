// A LINE look-alike for production-mode tests: the app's LINE client calls
// http://line.test/..., and this answers with the simulator's fake Messaging API
// (a Hono app that behaves like LINE per messaging-api.yml), called directly —
// the app under test has no /simulator routes with SIMULATOR unset. The fake
// LINE's own calls to the app (webhooks to https://linedesk.test/...) go to SELF.
import { env, SELF } from "cloudflare:test";
import { vi } from "vitest";
import { provisionChannel } from "../../src/simulator/fake-channels";
import { lineApiApp, lineDataApp } from "../../src/simulator/line-api";
import { simulatorApp } from "../../src/simulator/routes";

export interface FakeLineCall {
  method: string;
  path: string;
  body: unknown;
}

export const fakeLineCalls: FakeLineCall[] = [];
let installed = false;

export function installFakeLine(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.host === "linedesk.test") return SELF.fetch(request);
    if (url.host !== "line.test") return original(request);
    const data = url.pathname.startsWith("/simulator/line-data");
    const path = url.pathname.replace(/^\/simulator\/line(-data)?/, "");
    const text = request.method === "GET" ? "" : await request.clone().text();
    fakeLineCalls.push({ method: request.method, path, body: text ? JSON.parse(text) : null });
    const app = data ? lineDataApp : lineApiApp;
    return app.request(`${path}${url.search}`, { method: request.method, headers: request.headers, body: text || undefined }, env);
  });
}

/** A new channel in the fake LINE's console: the credentials an admin copies into Settings → Channels. */
export function provisionFakeChannel(name: string) {
  return provisionChannel(env, { name, chatMode: "bot" });
}

/** The fake LINE's customer phone (the simulator's routes, called directly): create a customer, then write. */
export async function customerWrites(lineChannelId: string, displayName: string, text: string): Promise<{ chatId: string; delivery: string }> {
  const phone = (path: string, body: unknown) =>
    simulatorApp.request(`${path}?channel=${lineChannelId}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) }, env);
  const created = (await (await phone("/users", { displayName, language: "ja" })).json()) as { chatId: string };
  const sent = (await (await phone(`/chats/${created.chatId}/send`, { kind: "text", text })).json()) as { result: { delivery: string } };
  return { chatId: created.chatId, delivery: sent.result.delivery };
}
