// /settings/team: the member list and its paging, invites and their one-time
// links, revocation, and who may see and press which buttons.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { login, ORIGIN } from "../helpers/session";
import { auditActions, createUser, createWorkspace, demoWorkspaceId, loginAs, loginInNewWorkspace, uniqueEmail } from "../helpers/users";

const INVITE_LINK = /\/invite\/([A-Za-z0-9_-]{43})/;

describe("team list", () => {
  it("requires a session", async () => {
    const page = await SELF.fetch(`${ORIGIN}/settings/team`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login?next=%2Fsettings%2Fteam");
    const post = await SELF.fetch(`${ORIGIN}/settings/team/invites`, { method: "POST", redirect: "manual", headers: { origin: ORIGIN } });
    expect(post.status).toBe(401);
  });

  it("shows people with role, status and availability, escaped", async () => {
    const owner = await loginInNewWorkspace();
    await createUser({ workspaceId: owner.user.workspaceId, role: "supervisor", name: "<b>Mika</b> Tanaka" });
    await createUser({ workspaceId: owner.user.workspaceId, role: "agent", name: "Ben Off", active: false });
    const html = await (await owner.get("/settings/team")).text();
    expect(html).toContain("&lt;b&gt;Mika&lt;/b&gt; Tanaka");
    expect(html).not.toContain("<b>Mika</b>");
    expect(html).toContain("Supervisor");
    expect(html).toContain("Deactivated");
    expect(html).toContain("2 active · 1 deactivated · 0 online");
    expect(html).toContain('href="/settings/team"');
    expect(html).toContain('<link rel="stylesheet" href="/settings.css"/>');
  });

  it("pages through hundreds of people by name, then id, with no gaps or repeats", async () => {
    const owner = await loginInNewWorkspace();
    const ws = owner.user.workspaceId;
    const now = Date.now();
    const insert = env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'x', 'agent', ?)");
    // Repeated and differently-cased names: the keyset must still be total.
    const rows = Array.from({ length: 160 }, (_, i) => insert.bind(newId("usr"), ws, uniqueEmail("bulk"), `${i % 3 === 0 ? "agent" : "Agent"} ${String(i % 40).padStart(2, "0")}`, now));
    await env.DB.batch(rows);

    const first = await (await owner.get("/settings/team")).text();
    const seen = [...first.matchAll(/id="member-(usr_[0-9a-z]{20})"/g)].map((m) => m[1]);
    expect(seen).toHaveLength(50);
    let cursor = /hx-get="\/settings\/team\/members\?cursor=([^"]+)"/.exec(first)?.[1];
    let pages = 1;
    while (cursor) {
      const res = await owner.get(`/settings/team/members?cursor=${cursor}`, { headers: { "hx-request": "true" } });
      expect(res.status).toBe(200);
      const fragment = await res.text();
      expect(fragment).not.toContain("<html");
      seen.push(...[...fragment.matchAll(/id="member-(usr_[0-9a-z]{20})"/g)].map((m) => m[1]));
      cursor = /hx-get="\/settings\/team\/members\?cursor=([^"]+)"/.exec(fragment)?.[1];
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(161);
    const { results } = await env.DB.prepare("SELECT id FROM users WHERE workspace_id = ? ORDER BY name COLLATE NOCASE, id").bind(ws).all<{ id: string }>();
    expect(seen).toEqual(results.map((r) => r.id));
  });

  it("serves a later page as a full page without JavaScript", async () => {
    const owner = await loginInNewWorkspace();
    const now = Date.now();
    const insert = env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'x', 'agent', ?)");
    await env.DB.batch(Array.from({ length: 55 }, (_, i) => insert.bind(newId("usr"), owner.user.workspaceId, uniqueEmail("page"), `Zed ${i}`, now)));
    const first = await (await owner.get("/settings/team")).text();
    const href = /href="(\/settings\/team\?cursor=[^"]+)"/.exec(first)?.[1];
    expect(href).toBeDefined();
    const second = await owner.get(href ?? "");
    const html = await second.text();
    expect(second.status).toBe(200);
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toContain("Back to the start of the list");
    expect([...html.matchAll(/id="member-usr_/g)]).toHaveLength(6);
    // The fragment URL without htmx sends a browser to the page instead.
    const plain = await owner.get(`/settings/team/members?cursor=x`);
    expect(plain.status).toBe(303);
  });

  it("shows agents and supervisors the list without any controls", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role);
      const html = await (await person.get("/settings/team")).text();
      expect(html).toContain("Members");
      expect(html).not.toContain("Manage");
      expect(html).not.toContain("invite-panel");
      expect(html).not.toContain("Pending invites");
    }
  });
});

describe("invites", () => {
  it("creates an invite, shows its link once and stores only the token's hash", async () => {
    const owner = await loginInNewWorkspace();
    const email = uniqueEmail("invitee");
    const res = await owner.post("/settings/team/invites", { name: "Kenji Mori", email: email.toUpperCase(), role: "supervisor" }, { htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    const token = INVITE_LINK.exec(html)?.[1] ?? "";
    expect(html).toContain(`${ORIGIN}/invite/${token}`);
    expect(html).toContain('hx-target="#team-notice"');
    expect(html).toContain("Kenji Mori");

    const row = await env.DB.prepare("SELECT * FROM invites WHERE email = ?").bind(email).first<Record<string, unknown>>();
    expect(row).toMatchObject({ kind: "invite", role: "supervisor", name: "Kenji Mori", used_at: null, token_hash: await sha256Hex(token) });
    expect(JSON.stringify(row)).not.toContain(token);
    const ttl = Number(row?.expires_at) - Number(row?.created_at);
    expect(ttl).toBe(7 * 24 * 60 * 60 * 1000);

    const again = await (await owner.get("/settings/team")).text();
    expect(again).toContain(email);
    expect(again).not.toContain(token);
    expect(again).not.toMatch(INVITE_LINK);

    const audit = await auditActions(owner.user.workspaceId);
    expect(audit).toContainEqual(expect.objectContaining({ action: "invite.created", actor_id: owner.user.id }));
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("shows the link on a full page when the form is posted without JavaScript", async () => {
    const owner = await loginInNewWorkspace();
    const res = await owner.post("/settings/team/invites", { name: "Plain Post", email: uniqueEmail(), role: "agent" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<!DOCTYPE html>");
    expect(html).toMatch(INVITE_LINK);
  });

  it.each([
    [{ name: "", email: "a@b.test", role: "agent" }, "Enter a name"],
    [{ name: "Kai", email: "not-an-email", role: "agent" }, "Enter a valid email address"],
    [{ name: "Kai", email: "kai@b.test", role: "owner" }, "Choose agent, supervisor or admin"],
    [{ name: "x".repeat(81), email: "kai@b.test", role: "agent" }, "at most 80 characters"],
  ])("re-renders the invite form with 422 for %o", async (form, message) => {
    const owner = await loginInNewWorkspace();
    const fragment = await owner.post("/settings/team/invites", form, { htmx: true });
    expect(fragment.status).toBe(422);
    const html = await fragment.text();
    expect(html).toMatch(/^<section id="invite-panel"/);
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    const page = await owner.post("/settings/team/invites", form);
    expect(page.status).toBe(422);
    const full = await page.text();
    expect(full).toContain("<!DOCTYPE html>");
    expect(full).toContain(message);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE workspace_id = ?").bind(owner.user.workspaceId).first("n")).toBe(0);
  });

  it("refuses an email that already has an account (422)", async () => {
    const owner = await loginInNewWorkspace();
    const other = await createUser({ workspaceId: await createWorkspace() });
    const res = await owner.post("/settings/team/invites", { name: "Dup", email: other.email, role: "agent" }, { htmx: true });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("already signs in to linedesk with this email");
  });

  it("replaces an earlier pending invite for the same email", async () => {
    const owner = await loginInNewWorkspace();
    const email = uniqueEmail();
    const first = INVITE_LINK.exec(await (await owner.post("/settings/team/invites", { name: "A", email, role: "agent" }, { htmx: true })).text())?.[1];
    const second = await (await owner.post("/settings/team/invites", { name: "A", email, role: "agent" }, { htmx: true })).text();
    expect(second).toContain("Their earlier invite link no longer works.");
    expect((await SELF.fetch(`${ORIGIN}/invite/${first}`)).status).toBe(404);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE email = ?").bind(email).first("n")).toBe(1);
  });

  it("revokes a pending invite, audited, and its link stops working", async () => {
    const owner = await loginInNewWorkspace();
    const html = await (await owner.post("/settings/team/invites", { name: "Gone Soon", email: uniqueEmail(), role: "agent" }, { htmx: true })).text();
    const token = INVITE_LINK.exec(html)?.[1];
    const inviteId = /id="invite-(inv_[0-9a-z]{20})"/.exec(html)?.[1];
    const res = await owner.post(`/settings/team/invites/${inviteId}/revoke`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const card = await res.text();
    expect(card).toMatch(/^<section id="pending-invites" class="card card--empty"/);
    expect(card).not.toContain(inviteId);
    expect((await SELF.fetch(`${ORIGIN}/invite/${token}`)).status).toBe(404);
    expect(await auditActions(owner.user.workspaceId)).toContainEqual(expect.objectContaining({ action: "invite.revoked", target_id: inviteId }));
    expect((await owner.post(`/settings/team/invites/${inviteId}/revoke`, {})).status).toBe(404);
  });

  it("answers 404 for another workspace's invite and for malformed ids", async () => {
    const owner = await loginInNewWorkspace();
    const elsewhere = await createWorkspace();
    const creator = await createUser({ workspaceId: elsewhere, role: "owner" });
    const id = newId("inv");
    await env.DB.prepare("INSERT INTO invites (id, workspace_id, email, name, role, token_hash, kind, created_by, expires_at, created_at) VALUES (?, ?, ?, 'X', 'agent', ?, 'invite', ?, ?, ?)")
      .bind(id, elsewhere, uniqueEmail(), await sha256Hex(id), creator.id, Date.now() + 100_000, Date.now())
      .run();
    expect((await owner.post(`/settings/team/invites/${id}/revoke`, {})).status).toBe(404);
    expect((await owner.post(`/settings/team/invites/nope/revoke`, {})).status).toBe(404);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE id = ?").bind(id).first("n")).toBe(1);
  });

  it("forbids agents and supervisors (403, nothing created)", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role);
      const email = uniqueEmail();
      const res = await person.post("/settings/team/invites", { name: "Nope", email, role: "agent" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Only admins and owners can do this.");
      const htmx = await person.post("/settings/team/invites", { name: "Nope", email, role: "agent" }, { htmx: true });
      expect(htmx.status).toBe(403);
      expect(htmx.headers.get("hx-retarget")).toBe("#toasts");
      expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE email = ?").bind(email).first("n")).toBe(0);
    }
  });

  it("checks CSRF on every change", async () => {
    const owner = await login();
    const email = uniqueEmail();
    const none = await owner.post("/settings/team/invites", { name: "X", email, role: "agent" }, { csrf: null });
    expect(none.status).toBe(403);
    const wrong = await owner.post("/settings/team/invites", { name: "X", email, role: "agent" }, { csrf: "forged-token-value" });
    expect(wrong.status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM invites WHERE email = ?").bind(email).first("n")).toBe(0);
    expect(await demoWorkspaceId()).toBeTruthy();
  });
});
