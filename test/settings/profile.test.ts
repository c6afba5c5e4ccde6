// Settings → Profile for everyone signed in: the language (Automatic follows the
// browser; a choice wins over it) and the time zone (the workspace's, or one's
// own) change what every page renders; bad values are refused with a 422.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { type Agent, login } from "../helpers/session";
import { createUser, createWorkspace, type TestUser } from "../helpers/users";

let workspaceId: string;
let somchai: TestUser;
let agent: Agent;

const page = async (headers: Record<string, string> = {}) => (await agent.get("/settings/profile", { headers })).text();

async function userRow() {
  return env.DB.prepare("SELECT language, time_zone FROM users WHERE id = ?").bind(somchai.id).first<{ language: string | null; time_zone: string | null }>();
}

beforeAll(async () => {
  workspaceId = await createWorkspace("Profile Co");
  await env.DB.prepare("UPDATE workspaces SET time_zone = 'Asia/Tokyo', language = 'en' WHERE id = ?").bind(workspaceId).run();
  somchai = await createUser({ workspaceId, role: "agent", name: "Somchai Jaidee" });
  agent = await login(somchai.email, somchai.password);
});

describe("the profile page", () => {
  it("is open to agents, first in the settings nav, with Automatic naming the browser's language", async () => {
    const html = await page({ "accept-language": "ja,en;q=0.8" });
    expect(html).toContain("<html lang=\"ja\">");
    expect(html).toContain("プロフィール");
    const nav = html.slice(html.indexOf('class="settings-nav__list"'));
    expect(nav.indexOf("/settings/profile")).toBeLessThan(nav.indexOf("/settings/team"));
    expect(html).toMatch(/<option value="" selected="">自動（ブラウザー: 日本語）<\/option>/);
    expect(html).toContain("ワークスペースの既定（Asia/Tokyo）");
    expect(html).toContain('<option value="th" lang="th">ไทย</option>');
    expect(html).toContain('<option value="America/New_York">America/New York</option>');
  });

  it("renders in Thai for a Thai browser", async () => {
    const html = await page({ "accept-language": "th-TH,th;q=0.9" });
    expect(html).toContain("<html lang=\"th\">");
    expect(html).toContain("ภาษาและเวลา");
    expect(html).toContain("อัตโนมัติ (เบราว์เซอร์: ไทย)");
  });

  it("a chosen language wins over the browser's on every page, until set back to Automatic", async () => {
    const saved = await agent.post("/settings/profile", { language: "th", timeZone: "" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/settings/profile?saved=1");
    expect(await userRow()).toEqual({ language: "th", time_zone: null });
    const after = await (await agent.get("/settings/profile?saved=1", { headers: { "accept-language": "en-US" } })).text();
    expect(after).toContain("<html lang=\"th\">");
    expect(after).toContain('<option value="th" lang="th" selected="">');
    expect(after).toContain('role="status"');
    const inbox = await (await agent.get("/inbox", { headers: { "accept-language": "en-US" } })).text();
    expect(inbox).toContain("<html lang=\"th\">");

    await agent.post("/settings/profile", { language: "", timeZone: "" });
    expect((await userRow())?.language).toBeNull();
    expect(await page({ "accept-language": "ja" })).toContain("<html lang=\"ja\">");
    expect(await page({ "accept-language": "en-US" })).toContain("<html lang=\"en\">");
  });

  it("the time zone changes the times pages show", async () => {
    const endpoint = `https://push.test/profile/${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO push_subscriptions (id, workspace_id, user_id, endpoint, endpoint_hash, p256dh, auth, label, created_at) VALUES (?, ?, ?, ?, ?, 'k', 'a', 'Firefox/Windows', ?)")
      .bind(newId("psub"), workspaceId, somchai.id, endpoint, await sha256Hex(endpoint), Date.UTC(2026, 0, 15, 12, 0))
      .run();
    // The workspace's zone (Tokyo, UTC+9) until the agent picks their own.
    expect(await page()).toContain("Added 15 Jan 2026, 21:00");
    await agent.post("/settings/profile", { language: "", timeZone: "America/New_York" });
    expect((await userRow())?.time_zone).toBe("America/New_York");
    const html = await page();
    expect(html).toContain("Added 15 Jan 2026, 07:00");
    expect(html).toContain('<option value="America/New_York" selected="">');
    await agent.post("/settings/profile", { language: "", timeZone: "" });
    expect(await page()).toContain("Added 15 Jan 2026, 21:00");
  });

  it("refuses languages and time zones that are not in the lists (422, with what was typed)", async () => {
    const badLanguage = await agent.post("/settings/profile", { language: "klingon", timeZone: "Asia/Bangkok" });
    expect(badLanguage.status).toBe(422);
    const html = await badLanguage.text();
    expect(html).toContain("Choose one of the languages in the list.");
    expect(html).toContain('<option value="Asia/Bangkok" selected="">');
    const badZone = await agent.post("/settings/profile", { language: "ja", timeZone: "Mars/Olympus_Mons" });
    expect(badZone.status).toBe(422);
    expect(await badZone.text()).toContain("Choose a time zone from the list.");
    expect(await userRow()).toEqual({ language: null, time_zone: null });
    expect((await agent.post("/settings/profile", { language: "ja", timeZone: "" }, { csrf: "forged" })).status).toBe(403);
  });
});
