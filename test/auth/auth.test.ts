// Sign-in, sign-out, CSRF, and that no inbox or API route answers without credentials.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { login, ORIGIN } from "../helpers/session";

const INBOX_ROUTES: Array<[string, string]> = [
  ["GET", "/inbox"],
  ["GET", "/inbox/list"],
  ["GET", `/inbox/c/${"a".repeat(64)}`],
  ["POST", `/inbox/c/${"a".repeat(64)}/messages`],
  ["POST", `/inbox/c/${"a".repeat(64)}/read`],
  ["POST", `/inbox/c/${"a".repeat(64)}/messages/msg_00000000000000000000/retry`],
  ["GET", `/inbox/c/${"a".repeat(64)}/media/msg_00000000000000000000`],
  ["GET", `/inbox/c/${"a".repeat(64)}/live`],
  ["GET", "/inbox/live"],
];

describe("authentication", () => {
  it.each(INBOX_ROUTES)("%s %s requires a session", async (method, path) => {
    const live = path.endsWith("/live");
    // A same-site browser request without a session (the Origin check passes, the session check refuses).
    const res = await SELF.fetch(`${ORIGIN}${path}`, { method, redirect: "manual", headers: live ? { upgrade: "websocket", origin: ORIGIN } : { origin: ORIGIN } });
    if (method === "GET" && !live) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    } else {
      expect(res.status).toBe(401);
    }
  });

  it("tells htmx to go to the login page when the session is gone", async () => {
    const res = await SELF.fetch(`${ORIGIN}/inbox/list`, { headers: { "hx-request": "true" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("hx-redirect")).toBe("/login");
  });

  it.each([
    ["GET", "/api/v1/conversations"],
    ["GET", `/api/v1/conversations/${"a".repeat(64)}/messages`],
    ["POST", `/api/v1/conversations/${"a".repeat(64)}/messages`],
  ])("%s %s requires a bearer token", async (method, path) => {
    const none = await SELF.fetch(`${ORIGIN}${path}`, { method });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: expect.stringContaining("API token") });
    const wrong = await SELF.fetch(`${ORIGIN}${path}`, { method, headers: { authorization: "Bearer ld_wrong_token_00000000000000" } });
    expect(wrong.status).toBe(401);
  });

  it("signs in with the demo admin and reaches the inbox", async () => {
    const agent = await login();
    const res = await agent.get("/inbox");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Aiko (admin)");
  });

  it("refuses a wrong password with a 422 form that says so", async () => {
    await expect(login("admin@linedesk.test", "wrong-password")).rejects.toThrow("422");
  });

  it("refuses a login post without the CSRF cookie", async () => {
    const res = await SELF.fetch(`${ORIGIN}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "admin@linedesk.test", password: "linedesk-demo", _csrf: "forged-token-value" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("ld_session");
  });

  it("refuses state changes without the session's CSRF token", async () => {
    const agent = await login();
    const res = await agent.post("/logout", {}, { csrf: null });
    expect(res.status).toBe(403);
    const forged = await agent.post("/logout", {}, { csrf: "not-the-token" });
    expect(forged.status).toBe(403);
    expect((await agent.get("/inbox")).status).toBe(200);
  });

  it("signs out: the old cookie no longer opens the inbox", async () => {
    const agent = await login();
    const res = await agent.post("/logout", {});
    expect(res.status).toBe(303);
    expect((await agent.get("/inbox")).status).toBe(302);
  });
});
