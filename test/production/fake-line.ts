// A LINE look-alike for production-mode tests: the app's LINE client calls
// http://line.test/..., and this answers with the simulator's fake Messaging API
// (a Hono app that behaves like LINE per messaging-api.yml), called directly —
// the app under test has no /simulator routes with SIMULATOR unset.
import { env } from "cloudflare:test";
import { vi } from "vitest";
import { lineApiApp, lineDataApp } from "../../src/simulator/line-api";

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
    if (url.host !== "line.test") return original(request);
    const data = url.pathname.startsWith("/simulator/line-data");
    const path = url.pathname.replace(/^\/simulator\/line(-data)?/, "");
    const text = request.method === "GET" ? "" : await request.clone().text();
    fakeLineCalls.push({ method: request.method, path, body: text ? JSON.parse(text) : null });
    const app = data ? lineDataApp : lineApiApp;
    return app.request(`${path}${url.search}`, { method: request.method, headers: request.headers, body: text || undefined }, env);
  });
}
