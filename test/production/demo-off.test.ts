// Nothing demo works with SIMULATOR unset, even on a database that was once
// seeded in demo mode: the demo admin cannot sign in (nor keep an old session)
// and DEMO_API_TOKEN is refused.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../src/auth/session";
import { DEMO_ADMIN } from "../../src/db/demo-admin";
import { hashPassword, sha256Hex } from "../../src/lib/crypto";
import { ORIGIN } from "../helpers/session";
import { cookieValue } from "./helpers";

const DEMO_WS = "ws_demo_seeded_earlier";
const DEMO_USER = "usr_demo_seeded_earlier";

async function tryLogin(email: string, password: string): Promise<Response> {
  const page = await SELF.fetch(`${ORIGIN}/login`);
  const cookie = cookieValue(page.headers.get("set-cookie"), "ld_login_csrf");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  return SELF.fetch(`${ORIGIN}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_login_csrf=${cookie}`, origin: ORIGIN },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
}

describe("demo rows with the simulator off", () => {
  beforeAll(async () => {
    // What `npm start` seeded into this database while SIMULATOR was on.
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO workspaces (id, name, demo, created_at) VALUES (?, 'Demo workspace', 1, ?)").bind(DEMO_WS, now),
      env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, demo, created_at) VALUES (?, ?, ?, ?, ?, 'owner', 1, ?)").bind(
        DEMO_USER, DEMO_WS, DEMO_ADMIN.email, DEMO_ADMIN.name, await hashPassword(DEMO_ADMIN.password), now,
      ),
      env.DB.prepare("INSERT INTO api_tokens (id, workspace_id, name, token_hash, demo, created_at) VALUES ('tok_demo', ?, 'Demo API token', ?, 1, ?)").bind(
        DEMO_WS, await sha256Hex(env.DEMO_API_TOKEN ?? ""), now,
      ),
    ]);
  });

  it("refuses the demo admin's login with the right password", async () => {
    const res = await tryLogin(DEMO_ADMIN.email, DEMO_ADMIN.password);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("That email and password do not match.");
    expect(cookieValue(res.headers.get("set-cookie"), "ld_session")).toBeNull();
  });

  it("ends a session the demo admin had from demo mode", async () => {
    const { token } = await createSession(env.DB, { id: DEMO_USER, workspaceId: DEMO_WS });
    const res = await SELF.fetch(`${ORIGIN}/inbox`, { redirect: "manual", headers: { cookie: `ld_session=${token}` } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("refuses DEMO_API_TOKEN on the REST API", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/v1/conversations`, { headers: { authorization: `Bearer ${env.DEMO_API_TOKEN}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "The API token is not valid" });
  });

  it("does not offer /setup: a user exists", async () => {
    expect((await SELF.fetch(`${ORIGIN}/setup`)).status).toBe(404);
  });
});
