// First run with SIMULATOR unset and an empty database: every page leads to /setup,
// /setup creates the workspace and its owner once (setup key, strong password,
// throttled), then answers 404 for good.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { ORIGIN } from "../helpers/session";
import { agentFromCookie, cookieValue, openSetup, OWNER, postSetup, setupFields } from "./helpers";

describe("first run (production, empty database)", () => {
  it("sends every page to /setup while no user exists, but not LINE or the API", async () => {
    for (const path of ["/", "/inbox", "/login", "/settings/team", "/contacts/fields"]) {
      const res = await SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual" });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe("/setup");
    }
    expect((await SELF.fetch(`${ORIGIN}/healthz`)).status).toBe(200);
    expect((await SELF.fetch(`${ORIGIN}/api/v1/conversations`)).status).toBe(401);
    const webhook = await SELF.fetch(`${ORIGIN}/webhooks/line/2000000001`, { method: "POST", body: "{}" });
    expect(webhook.status).toBe(404);
  });

  it("has no simulator and no demo workspace", async () => {
    expect((await SELF.fetch(`${ORIGIN}/simulator`, { redirect: "manual" })).status).toBe(404);
    const workspaces = await env.DB.prepare("SELECT COUNT(*) AS n FROM workspaces").first<{ n: number }>();
    expect(workspaces?.n).toBe(0);
  });

  it("refuses to set up without SETUP_KEY and says how to set it", async () => {
    const locked = { ...env, SETUP_KEY: undefined };
    const res = await app.request("/setup", {}, locked);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("wrangler secret put SETUP_KEY");
    expect(html).not.toContain('name="password"');
    const post = await app.request("/setup", { method: "POST", headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(setupFields()) }, locked);
    expect(post.status).toBe(503);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("shows the form with a time zone and language choice", async () => {
    const page = await openSetup();
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="setupKey"');
    expect(page.html).toContain('<option value="Asia/Tokyo"');
    expect(page.html).toContain("日本語");
    expect(page.cookie).toMatch(/^ld_setup_csrf=/);
  });

  it("says what is wrong with a bad form and creates nothing", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [setupFields({ setupKey: "not-the-key" }), "That is not the setup key"],
      [setupFields({ password: "aaaaaaaaaa", confirm: "aaaaaaaaaa" }), "too easy to guess"],
      [setupFields({ password: "password123", confirm: "password123" }), "too easy to guess"],
      [setupFields({ password: "short", confirm: "short" }), "at least 10 characters"],
      [setupFields({ confirm: "something else entirely" }), "don&#39;t match"],
      [setupFields({ timeZone: "Mars/Olympus" }), "Choose a time zone"],
      [setupFields({ language: "xx" }), "Choose a language"],
      [setupFields({ email: "not-an-email" }), "valid email"],
      [setupFields({ workspaceName: "  " }), "Name your workspace"],
    ];
    for (const [fields, message] of cases) {
      const res = await postSetup(fields, { ip: "198.51.100.1" });
      expect(res.status, message).toBe(422);
      const html = await res.text();
      expect(html, message).toContain(message);
      // What was typed comes back, except the passwords and the key.
      if (fields.workspaceName?.trim()) expect(html).toContain('value="Sakura Shop"');
      expect(html).not.toContain(OWNER.password);
      expect(html).not.toContain(env.SETUP_KEY ?? "-");
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("refuses a post without the form's CSRF cookie or from another site", async () => {
    const { csrf } = await openSetup();
    const noCookie = await SELF.fetch(`${ORIGIN}/setup`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ _csrf: csrf, ...setupFields() }),
    });
    expect(noCookie.status).toBe(403);
    const { cookie, csrf: token } = await openSetup();
    const crossSite = await SELF.fetch(`${ORIGIN}/setup`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: "https://evil.example" },
      body: new URLSearchParams({ _csrf: token, ...setupFields() }),
    });
    expect(crossSite.status).toBe(403);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>()).toEqual({ n: 0 });
  });

  it("throttles wrong setup keys per client", async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < 10; i++) expect((await postSetup(setupFields({ setupKey: `guess-${i}` }), { ip })).status).toBe(422);
    const locked = await postSetup(setupFields(), { ip });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed attempts");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("creates the workspace and owner, signs the owner in, then closes for good", async () => {
    const res = await postSetup(setupFields());
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/settings/channels");
    const session = cookieValue(res.headers.get("set-cookie"), "ld_session");
    expect(session).toBeTruthy();
    const workspace = await env.DB.prepare("SELECT name, time_zone, language, demo FROM workspaces").first();
    expect(workspace).toEqual({ name: "Sakura Shop", time_zone: "Asia/Tokyo", language: "ja", demo: 0 });
    const owner = await env.DB.prepare("SELECT email, name, role, demo FROM users").first();
    expect(owner).toEqual({ email: OWNER.email, name: OWNER.name, role: "owner", demo: 0 });
    const audit = await env.DB.prepare("SELECT action FROM audit_logs").first();
    expect(audit).toEqual({ action: "workspace.created" });

    const agent = await agentFromCookie(`ld_session=${session}`);
    const inbox = await agent.get("/inbox");
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain(OWNER.name);

    expect((await SELF.fetch(`${ORIGIN}/setup`)).status).toBe(404);
    expect((await postSetup(setupFields({ email: "second@example.com" }))).status).toBe(404);
    expect((await SELF.fetch(`${ORIGIN}/login`)).status).toBe(200);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>()).toEqual({ n: 1 });
  });

  it("lets the owner sign in with the new password", async () => {
    // completeSetup would 404 now: the owner exists. Sign in through /login instead.
    const page = await SELF.fetch(`${ORIGIN}/login`);
    const cookie = cookieValue(page.headers.get("set-cookie"), "ld_login_csrf");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const res = await SELF.fetch(`${ORIGIN}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_login_csrf=${cookie}`, origin: ORIGIN },
      body: new URLSearchParams({ email: OWNER.email, password: OWNER.password, _csrf: csrf }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inbox");
  });
});

describe("configuration", () => {
  it("says how to set APP_SECRET when it is missing or too short, instead of failing", async () => {
    for (const secret of [undefined, "short"]) {
      const res = await app.request("/inbox", {}, { ...env, APP_SECRET: secret as unknown as string });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("wrangler secret put APP_SECRET");
      const api = await app.request("/api/v1/conversations", {}, { ...env, APP_SECRET: secret as unknown as string });
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ error: expect.stringContaining("APP_SECRET") });
    }
  });
});
