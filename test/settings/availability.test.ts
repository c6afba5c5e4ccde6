// The top bar's availability select (POST /settings/availability) and the
// settings shell: nav, Settings link for everyone, admin sections for admins and owners.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { settingsNav } from "../../src/settings/views/nav";
import { login } from "../helpers/session";
import { loginAs } from "../helpers/users";

async function availability(userId: string) {
  return env.DB.prepare("SELECT availability, availability_at FROM users WHERE id = ?").bind(userId).first<{ availability: string; availability_at: number | null }>();
}

describe("availability", () => {
  it("lets any signed-in person set their own availability with htmx", async () => {
    const agent = await loginAs("agent");
    const before = Date.now();
    const res = await agent.post("/settings/availability", { availability: "away" }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<form id="availability" class="availability availability--away"/);
    expect(html).toContain('<option value="away" selected="">Away</option>');
    expect(html).not.toContain("<noscript>");
    const row = await availability(agent.user.id);
    expect(row?.availability).toBe("away");
    expect(row?.availability_at).toBeGreaterThanOrEqual(before);
  });

  it("works without JavaScript: redirects back to our own page", async () => {
    const agent = await loginAs("agent");
    const res = await agent.post("/settings/availability", { availability: "online" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inbox");
    expect((await availability(agent.user.id))?.availability).toBe("online");
    const page = await (await agent.get("/settings/team")).text();
    expect(page).toContain("availability--online");
    expect(page).toContain("<noscript>");
  });

  it("rejects an unknown value with 422 and leaves the value alone", async () => {
    const agent = await loginAs("agent");
    await agent.post("/settings/availability", { availability: "away" });
    const htmx = await agent.post("/settings/availability", { availability: "asleep" }, { htmx: true });
    expect(htmx.status).toBe(422);
    expect(await htmx.text()).toContain('aria-invalid="true"');
    const plain = await agent.post("/settings/availability", {});
    expect(plain.status).toBe(422);
    expect((await availability(agent.user.id))?.availability).toBe("away");
  });

  it("needs the CSRF token", async () => {
    const agent = await loginAs("agent");
    expect((await agent.post("/settings/availability", { availability: "online" }, { csrf: null })).status).toBe(403);
    expect((await availability(agent.user.id))?.availability).toBe("offline");
  });
});

describe("settings shell", () => {
  it("lists every nav section and marks the current one", async () => {
    const owner = await login();
    const res = await owner.get("/settings");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/settings/team");
    const html = await (await owner.get("/settings/teams")).text();
    for (const item of settingsNav()) expect(html).toContain(`href="${item.href}"`);
    expect(html).toMatch(/class="settings-nav__link is-active" href="\/settings\/teams" aria-current="page"/);
  });

  it("shows everyone the Settings link, and admin-only sections only to admins and owners", async () => {
    for (const [role, admin] of [
      ["owner", true],
      ["admin", true],
      ["supervisor", false],
      ["agent", false],
    ] as const) {
      const person = await loginAs(role);
      const html = await (await person.get("/settings/canned-replies")).text();
      // Agents manage their own canned replies, so the link is there for every role.
      expect(html.includes('href="/settings" title="Settings"'), role).toBe(true);
      expect(html.includes('href="/contacts/fields"'), role).toBe(admin);
    }
  });
});
