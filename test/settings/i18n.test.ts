// Every settings area in Japanese and Thai: pages follow the browser's language
// (or the agent's own choice), form errors and 404s too, relative times come from
// Intl in that language, and dates are in the reader's time zone — no English left.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createTag } from "../../src/tags/store";
import { withLocale } from "../../src/ui/i18n";
import { fullLabel } from "../../src/ui/time";
import { type Agent, login } from "../helpers/session";
import { loginAs, type TestUser } from "../helpers/users";

let owner: Agent;
let admin: Agent & { user: TestUser };

beforeAll(async () => {
  owner = await login();
  admin = await loginAs("admin", { name: "Nok (admin)" });
});

async function page(who: Agent, path: string, lang: string): Promise<string> {
  const res = await who.get(path, { headers: { "accept-language": lang } });
  expect(res.status, path).toBe(200);
  return res.text();
}

/** Each area's page, a phrase it must say in ja and th, and an English phrase that must be gone. */
const AREAS: Array<{ path: string; ja: string; th: string; en: string }> = [
  { path: "/settings/team", ja: "メンバーを招待", th: "เชิญสมาชิก", en: "Invite a teammate" },
  { path: "/settings/teams", ja: "新しいチーム", th: "ทีมใหม่", en: "New team" },
  { path: "/settings/canned-replies", ja: "新しい定型文", th: "ข้อความสำเร็จรูปใหม่", en: "New canned reply" },
  { path: "/settings/tags", ja: "すべてのタグ", th: "แท็กทั้งหมด", en: "All tags" },
  { path: "/settings/channels", ja: "LINEチャネル", th: "ช่องทาง LINE", en: "LINE channels" },
  { path: "/settings/channels/new", ja: "LINEで確認して追加", th: "ตรวจสอบกับ LINE แล้วเพิ่ม", en: "Check with LINE and add" },
  { path: "/settings/api", ja: "新しいAPIトークン", th: "โทเค็น API ใหม่", en: "New API token" },
  { path: "/settings/webhooks", ja: "Webhookを追加", th: "เพิ่ม Webhook", en: "Add webhook" },
  { path: "/settings/webhooks/new", ja: "送信するイベント", th: "เหตุการณ์ที่จะส่ง", en: "Events to send" },
];

describe("settings in the browser's language", () => {
  it.each(AREAS)("$path speaks Japanese and Thai", async ({ path, ja, th, en }) => {
    const japanese = await page(admin, path, "ja,en;q=0.5");
    expect(japanese).toContain('<html lang="ja">');
    expect(japanese).toContain(ja);
    expect(japanese).not.toContain(en);
    expect(japanese).toContain(">タグ<"); // the section nav
    const thai = await page(admin, path, "th-TH,th;q=0.9");
    expect(thai).toContain('<html lang="th">');
    expect(thai).toContain(th);
    expect(thai).not.toContain(en);
    expect(thai).toContain(">แท็ก<");
    expect(await page(admin, path, "en")).toContain(en);
  });

  it("shows a channel's page translated, with dates in the reader's language and time zone", async () => {
    const channel = await env.DB.prepare("SELECT c.id, c.created_at FROM channels c JOIN users u ON u.workspace_id = c.workspace_id WHERE u.email = 'admin@linedesk.test' LIMIT 1").first<{ id: string; created_at: number }>();
    if (!channel) throw new Error("the demo channel is missing");
    const html = await page(owner, `/settings/channels/${channel.id}`, "ja");
    expect(html).toContain("友だち追加リンクとQRコード");
    expect(html).toContain("このURLをLINEに設定");
    // The demo workspace is in Asia/Tokyo: the date is Tokyo's, in Japanese, never UTC.
    expect(html).toContain(withLocale({ locale: "ja", timeZone: "Asia/Tokyo" }, () => fullLabel(channel.created_at)));
    expect(html).not.toMatch(/\d{2}:\d{2} UTC/);
    const thai = await page(owner, `/settings/channels/${channel.id}`, "th");
    expect(thai).toContain("ลิงก์เพิ่มเพื่อนและคิวอาร์โค้ด");
    expect(thai).toContain(withLocale({ locale: "th", timeZone: "Asia/Tokyo" }, () => fullLabel(channel.created_at)));
  });

  it("says relative times with Intl in the agent's chosen language", async () => {
    await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(admin.user.id).run();
    try {
      const created = await (await admin.post("/settings/api", { name: "Kintone 連携", scope: "read", expires: "30d" }, { htmx: true })).text();
      expect(created).toContain("新しいトークン「Kintone 連携」");
      expect(created).toContain("読み取りのみ、有効期限は30 日後。");
      const list = await (await admin.get("/settings/api")).text();
      expect(list).toContain("未使用");
      expect(list).toMatch(/作成：<time datetime="[^"]+" title="[^"]+">たった今<\/time>（Nok \(admin\)）/);
      // An hour-old reply reads "1 時間前" (Intl's Japanese), not "1 hour ago".
      await admin.post("/settings/canned-replies", { shortcut: `jp${Date.now().toString(36)}`, body: "少々お待ちください。", scope: "personal" });
      await env.DB.prepare("UPDATE canned_replies SET updated_at = ? WHERE owner_id = ?").bind(Date.now() - 3_700_000, admin.user.id).run();
      const replies = await (await admin.get("/settings/canned-replies?scope=personal")).text();
      expect(replies).toContain("更新：1 時間前");
      expect(replies).not.toContain("hour ago");
    } finally {
      await env.DB.prepare("UPDATE users SET language = NULL WHERE id = ?").bind(admin.user.id).run();
    }
  });

  it("puts form errors and 404s in the reader's language", async () => {
    await env.DB.prepare("UPDATE users SET language = 'th' WHERE id = ?").bind(admin.user.id).run();
    try {
      const team = await admin.post("/settings/teams", { name: "" }, { htmx: true });
      expect(team.status).toBe(422);
      expect(await team.text()).toContain("กรุณาตั้งชื่อทีม");
      const tag = await admin.post("/settings/tags", { name: "x".repeat(40), color: "red" }, { htmx: true });
      expect(tag.status).toBe(422);
      expect(await tag.text()).toContain("ชื่อแท็กยาวได้ไม่เกิน 32 ตัวอักษร");
      const hook = await admin.post("/settings/webhooks", { url: "http://10.0.0.1/hook", events: "message.received" }, { htmx: true });
      expect(hook.status).toBe(422);
      expect(await hook.text()).toContain("กรุณาใช้ URL แบบ https://");
      const missing = await admin.get(`/settings/channels/${newId("ch")}`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("ไม่มีช่องทางนี้ หรือเป็นของพื้นที่ทำงานอื่น");
    } finally {
      await env.DB.prepare("UPDATE users SET language = NULL WHERE id = ?").bind(admin.user.id).run();
    }
  });

  it("shows a new webhook's page, its secret and the help toggle in Japanese", async () => {
    await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(admin.user.id).run();
    try {
      const res = await admin.post("/settings/webhooks", { url: "https://hooks.example.com/linedesk", description: "", events: "message.received" });
      expect(res.status).toBe(201);
      const html = await res.text();
      expect(html).toContain("Webhookを作成しました。署名シークレットはこちらです");
      expect(html).toContain("配信の検証");
      expect(html).toContain('data-show="表示" data-hide="閉じる"');
      expect(html).toContain("まだ何も送信されていません");
    } finally {
      await env.DB.prepare("UPDATE users SET language = NULL WHERE id = ?").bind(admin.user.id).run();
    }
  });

  it("counts with the language's plural rules and number format", async () => {
    const { tag } = (await createTag(env.DB, admin.user.workspaceId, admin.user.id, `Zählung ${Date.now().toString(36)}`, "blue")) as { tag: { id: string } };
    const html = await page(admin, `/settings/tags/${tag.id}`, "tr");
    expect(html).toContain("0 konuşma · 0 kişi");
    expect(await page(admin, `/settings/tags/${tag.id}`, "zh-TW")).toContain("0 則對話 · 0 位聯絡人");
  });
});
