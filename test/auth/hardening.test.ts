// Hardening of the sign-in path and of request origins: same-site `next` only,
// throttled failures, strong passwords, Origin checks on forms and live sockets.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { safeNext } from "../../src/auth/routes";
import { MAX_FAILURES } from "../../src/auth/throttle";
import { login, ORIGIN } from "../helpers/session";
import { createUser, loginAs, uniqueEmail } from "../helpers/users";

function cookieValue(res: Response, name: string): string | null {
  return new RegExp(`${name}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1] ?? null;
}

async function postLogin(email: string, password: string, o: { next?: string; ip?: string } = {}): Promise<Response> {
  const page = await SELF.fetch(`${ORIGIN}/login`);
  const cookie = cookieValue(page, "ld_login_csrf");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return SELF.fetch(`${ORIGIN}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_login_csrf=${cookie}`, origin: ORIGIN, ...(o.ip ? { "cf-connecting-ip": o.ip } : {}) },
    body: new URLSearchParams({ email, password, _csrf: csrf, ...(o.next === undefined ? {} : { next: o.next }) }),
  });
}

describe("login next", () => {
  it.each([
    ["/\\evil.com", "/inbox"],
    ["/\t/evil.com", "/inbox"],
    ["/\n/evil.com", "/inbox"],
    ["/\\\\evil.com", "/inbox"],
    ["//evil.com", "/inbox"],
    ["https://evil.com/inbox", "/inbox"],
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/inbox/c/abc?view=mine#m1", "/inbox/c/abc?view=mine#m1"],
    ["/settings/team", "/settings/team"],
  ])("sends %j to %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it("redirects a real sign-in with a backslash next to the inbox, never off-site", async () => {
    const user = await createUser({ role: "agent" });
    for (const next of ["/\\evil.com", "/\t/evil.com"]) {
      const res = await postLogin(user.email, user.password, { next, ip: `192.0.2.${Math.floor(Math.random() * 200)}` });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/inbox");
    }
  });
});

describe("login throttling", () => {
  it(`locks an account after ${MAX_FAILURES} failures, even for the right password, from any address`, async () => {
    const user = await createUser({ role: "agent" });
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await postLogin(user.email, `wrong-${i}`, { ip: `198.51.100.${i}` });
      expect(res.status).toBe(422);
    }
    const locked = await postLogin(user.email, user.password, { ip: "198.51.100.200" });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed attempts");
    expect(cookieValue(locked, "ld_session")).toBeNull();
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  });

  it("locks a client address that tries many accounts", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < MAX_FAILURES; i++) expect((await postLogin(uniqueEmail("nobody"), "whatever-password", { ip })).status).toBe(422);
    const other = await createUser({ role: "agent" });
    expect((await postLogin(other.email, other.password, { ip })).status).toBe(429);
    // Another address is not affected.
    expect((await postLogin(other.email, other.password, { ip: "203.0.113.78" })).status).toBe(303);
  });

  it("clears an account's count after a successful sign-in", async () => {
    const user = await createUser({ role: "agent" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await postLogin(user.email, "nope-nope-nope", { ip: `192.0.2.${100 + i}` });
    expect((await postLogin(user.email, user.password, { ip: "192.0.2.150" })).status).toBe(303);
    expect((await postLogin(user.email, "nope-nope-nope", { ip: "192.0.2.151" })).status).toBe(422);
    expect((await postLogin(user.email, user.password, { ip: "192.0.2.152" })).status).toBe(303);
  });
});

describe("Origin checks", () => {
  it("refuses a signed-in agent's form post from another site, or with no origin at all", async () => {
    const agent = await loginAs("agent");
    const post = (headers: Record<string, string>) =>
      SELF.fetch(`${ORIGIN}/settings/availability`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: agent.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ _csrf: agent.csrf, availability: "away" }),
      });
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: "null" })).status).toBe(403);
    const row = await env.DB.prepare("SELECT availability FROM users WHERE id = ?").bind(agent.user.id).first<{ availability: string }>();
    expect(row?.availability).not.toBe("away");
    // The same post from our own page goes through.
    expect((await post({ origin: ORIGIN })).status).toBe(303);
    expect((await post({ "sec-fetch-site": "same-origin" })).status).toBe(303);
  });

  it.each([["null"], ["not a url"], ["http://"], ["https://evil.example"], [""]])("refuses a live socket with Origin %j (403, never 500)", async (origin) => {
    const agent = await login();
    for (const path of ["/inbox/live", `/inbox/c/${"a".repeat(64)}/live`]) {
      const headers: Record<string, string> = { cookie: agent.cookie, upgrade: "websocket" };
      if (origin) headers.origin = origin;
      const res = await SELF.fetch(`${ORIGIN}${path}`, { headers });
      expect(res.status, path).toBe(403);
    }
  });
});
