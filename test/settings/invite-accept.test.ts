// /invite/:token, public: joining from an invite (then signed in as the new
// agent), choosing a new password from a reset link, and every dead end.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../src/lib/crypto";
import { hiddenCsrf, login, ORIGIN } from "../helpers/session";
import { auditActions, createUser, loginInNewWorkspace, uniqueEmail } from "../helpers/users";

const INVITE_LINK = /\/invite\/([A-Za-z0-9_-]{43})/;

function cookie(res: Response, name: string): string | null {
  return new RegExp(`${name}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1] ?? null;
}

async function inviteLink(owner: Awaited<ReturnType<typeof loginInNewWorkspace>>, role = "agent", email = uniqueEmail("join")) {
  const html = await (await owner.post("/settings/team/invites", { name: "Kai Sato", email, role }, { htmx: true })).text();
  const token = INVITE_LINK.exec(html)?.[1];
  if (!token) throw new Error("no invite link in the response");
  return { token, email };
}

/** Opens the link like a browser and posts the form with its CSRF cookie. */
async function accept(token: string, form: Record<string, string>, o: { csrf?: string; ip?: string } = {}) {
  const page = await SELF.fetch(`${ORIGIN}/invite/${token}`);
  const csrfCookie = cookie(page, "ld_invite_csrf");
  const csrf = o.csrf ?? hiddenCsrf(await page.text());
  return SELF.fetch(`${ORIGIN}/invite/${token}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `ld_invite_csrf=${csrfCookie}`, origin: ORIGIN, ...(o.ip ? { "cf-connecting-ip": o.ip } : {}) },
    body: new URLSearchParams({ _csrf: csrf, ...form }),
  });
}

describe("accepting an invite", () => {
  it("shows the form, creates the agent, signs them in and sends them to the inbox", async () => {
    const owner = await loginInNewWorkspace();
    const { token, email } = await inviteLink(owner, "supervisor");
    const page = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("set-cookie")).toMatch(/ld_invite_csrf=[^;]+; Path=\/invite; HttpOnly; Secure; SameSite=Lax/);
    const form = await page.text();
    expect(form).toContain(email);
    expect(form).toContain('value="Kai Sato"');
    expect(form).toContain("At least 10 characters");

    const res = await accept(token, { name: "Kai Sato-Mori", password: "a-long-password", confirm: "a-long-password" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inbox");
    const session = cookie(res, "ld_session");
    expect(res.headers.get("set-cookie")).toMatch(/ld_session=[^;]+; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax/);

    const user = await env.DB.prepare("SELECT id, workspace_id, name, role, active FROM users WHERE email = ?").bind(email).first<Record<string, string | number>>();
    expect(user).toMatchObject({ workspace_id: owner.user.workspaceId, name: "Kai Sato-Mori", role: "supervisor", active: 1 });
    expect(await env.DB.prepare("SELECT used_at FROM invites WHERE email = ?").bind(email).first("used_at")).toBeGreaterThan(0);
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "invite.accepted", actor_id: user?.id }));

    // Signed in as the new supervisor: the settings pages know them.
    const team = await SELF.fetch(`${ORIGIN}/settings/team`, { headers: { cookie: `ld_session=${session}` } });
    expect(team.status).toBe(200);
    expect(await team.text()).toContain("Kai Sato-Mori");
    // And the password works on the normal sign-in form.
    expect((await (await login(email, "a-long-password")).get("/settings/team")).status).toBe(200);
  });

  it.each([
    [{ name: "Kai", password: "short", confirm: "short" }, "at least 10 characters"],
    [{ name: "Kai", password: "a-long-password", confirm: "another-password" }, "The two passwords don&#39;t match"],
    [{ name: "   ", password: "a-long-password", confirm: "a-long-password" }, "Enter your name"],
    [{ name: "Kai", password: "aaaaaaaaaa", confirm: "aaaaaaaaaa" }, "This password is too easy to guess"],
    [{ name: "Kai", password: "password1234", confirm: "password1234" }, "This password is too easy to guess"],
  ])("re-renders the form with 422 for %o and keeps the invite usable", async (form, message) => {
    const owner = await loginInNewWorkspace();
    const { token, email } = await inviteLink(owner);
    const res = await accept(token, form);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?").bind(email).first("n")).toBe(0);
    expect((await accept(token, { name: "Kai", password: "a-long-password", confirm: "a-long-password" })).status).toBe(303);
  });

  it("refuses a post without the matching CSRF cookie (403) and offers a fresh form", async () => {
    const owner = await loginInNewWorkspace();
    const { token, email } = await inviteLink(owner);
    const res = await accept(token, { name: "Kai", password: "a-long-password", confirm: "a-long-password" }, { csrf: randomToken(24) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form expired");
    const noCookie = await SELF.fetch(`${ORIGIN}/invite/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ _csrf: "x", name: "Kai", password: "a-long-password", confirm: "a-long-password" }),
    });
    expect(noCookie.status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?").bind(email).first("n")).toBe(0);
  });

  it("says 410 for a used link", async () => {
    const owner = await loginInNewWorkspace();
    const { token } = await inviteLink(owner);
    expect((await accept(token, { name: "Kai", password: "a-long-password", confirm: "a-long-password" })).status).toBe(303);
    const again = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This invite was already used");
    const post = await SELF.fetch(`${ORIGIN}/invite/${token}`, { method: "POST", headers: { origin: ORIGIN }, body: new URLSearchParams({ _csrf: "x" }) });
    expect(post.status).toBe(410);
  });

  it("says 410 for an expired link", async () => {
    const owner = await loginInNewWorkspace();
    const { token, email } = await inviteLink(owner);
    await env.DB.prepare("UPDATE invites SET expires_at = ? WHERE email = ?").bind(Date.now() - 1, email).run();
    const res = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This invite has expired");
    const post = await accept(token, { name: "Kai", password: "a-long-password", confirm: "a-long-password" }, { csrf: "x" });
    expect(post.status).toBe(410);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?").bind(email).first("n")).toBe(0);
  });

  it("says 404 for unknown, revoked and malformed tokens", async () => {
    for (const path of [`/invite/${randomToken(32)}`, "/invite/short", `/invite/${"%3Cscript%3E".repeat(4)}`]) {
      const res = await SELF.fetch(`${ORIGIN}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("This link doesn&#39;t work");
    }
  });

  it("says 410 when the email got an account in the meantime", async () => {
    const owner = await loginInNewWorkspace();
    const { token, email } = await inviteLink(owner);
    await createUser({ email, workspaceId: owner.user.workspaceId });
    const res = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("You already have an account");
  });
});

describe("password reset links", () => {
  async function resetLink(owner: Awaited<ReturnType<typeof loginInNewWorkspace>>, userId: string) {
    const html = await (await owner.post(`/settings/team/users/${userId}/reset`, {}, { htmx: true })).text();
    return INVITE_LINK.exec(html)?.[1] ?? "";
  }

  it("sets the new password, ends old sessions and signs the person in", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId, name: "Forgetful Fumi" });
    const oldSession = await login(agent.email, agent.password);
    const token = await resetLink(owner, agent.id);

    const page = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    const html = await page.text();
    expect(html).toContain("Choose a new password");
    expect(html).not.toContain('name="name"');

    const res = await accept(token, { password: "brand-new-password", confirm: "brand-new-password" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inbox");
    const session = cookie(res, "ld_session");
    expect((await SELF.fetch(`${ORIGIN}/settings/team`, { headers: { cookie: `ld_session=${session}` } })).status).toBe(200);
    expect((await oldSession.get("/settings/team")).status).toBe(302);
    await expect(login(agent.email, agent.password)).rejects.toThrow("422");
    expect((await login(agent.email, "brand-new-password")).cookie).toBeTruthy();
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "user.password_reset", actor_id: agent.id }));
    expect((await SELF.fetch(`${ORIGIN}/invite/${token}`)).status).toBe(410);
  });

  it("throttles repeated failed attempts on a reset link", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId });
    const token = await resetLink(owner, agent.id);
    for (let i = 0; i < 10; i++) expect((await accept(token, { password: "aaaaaaaaaa", confirm: "aaaaaaaaaa" }, { ip: `192.0.2.${i}` })).status).toBe(422);
    // Locked per account: a new address does not help.
    const locked = await accept(token, { password: "brand-new-password", confirm: "brand-new-password" }, { ip: "192.0.2.99" });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed attempts");
    // The password did not change.
    expect((await login(agent.email, agent.password)).cookie).toBeTruthy();
  });

  it("stops working when the person is deactivated", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId });
    const token = await resetLink(owner, agent.id);
    await owner.post(`/settings/team/users/${agent.id}/deactivate`, {});
    const res = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect([404, 410]).toContain(res.status);
    // Even a reset row that survived cannot sign a deactivated person in.
    await env.DB.prepare("UPDATE users SET active = 1 WHERE id = ?").bind(agent.id).run();
    const token2 = await resetLink(owner, agent.id);
    await env.DB.prepare("UPDATE users SET active = 0 WHERE id = ?").bind(agent.id).run();
    const dead = await SELF.fetch(`${ORIGIN}/invite/${token2}`);
    expect(dead.status).toBe(410);
    expect(await dead.text()).toContain("This account is not active");
  });

  it("says 410 for an expired reset link", async () => {
    const owner = await loginInNewWorkspace();
    const agent = await createUser({ workspaceId: owner.user.workspaceId });
    const token = await resetLink(owner, agent.id);
    await env.DB.prepare("UPDATE invites SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1, agent.id).run();
    const res = await SELF.fetch(`${ORIGIN}/invite/${token}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This password reset link has expired");
  });
});
