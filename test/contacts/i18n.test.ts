// The contact panel, the contact fields page and the notification bell in the
// reader's language (Accept-Language, else their chosen language), and a
// mention rendered for its recipient — in their language and time zone, not
// the language of the teammate who wrote it.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { pushNotifications, renderNotificationFor } from "../../src/contacts/notify";
import { recipientLocale } from "../../src/contacts/queries/notifications";
import { textEvent } from "../helpers/line";
import { type Agent, ORIGIN } from "../helpers/session";
import { createWorkspace } from "../helpers/users";
import { addAgent, customerWrites, workspaceId } from "./fixtures";

let contactId: string;
let conversationId: string;
let admin: Agent & { id: string };
beforeAll(async () => {
  ({ contactId, conversationId } = await customerWrites("i18n-panel", { displayName: "Somchai Dee", language: "th" }, (uid) => [textEvent("สวัสดีครับ", { userId: uid })]));
  admin = await addAgent("Lang Admin", "admin");
});

/** A request as `agent` from a browser that asks for `language`. */
function as(agent: Agent, language: string) {
  const headers = { cookie: agent.cookie, "accept-language": language, "hx-request": "true", origin: ORIGIN };
  return {
    get: (path: string) => SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", headers }),
    post: (path: string, form: Record<string, string>) =>
      SELF.fetch(`${ORIGIN}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: agent.csrf, ...form }),
      }),
  };
}

describe("contact panel in the reader's language", () => {
  it("speaks Japanese to a browser that asks for it, with the customer's language named in Japanese", async () => {
    const res = await as(admin, "ja,en;q=0.5").get(`/contacts/${contactId}/panel?conversation=${conversationId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('aria-label="連絡先の詳細: Somchai Dee"');
    expect(html).toContain(">タグ<");
    expect(html).toContain("メモを追加");
    expect(html).toContain("この会話");
    expect(html).toContain("タイ語"); // contact.language "th", named by Intl in the reader's language
    expect(html).not.toContain("Add note");
  });

  it("speaks Thai, including a refused note's message", async () => {
    const panel = await (await as(admin, "th-TH,th;q=0.9").get(`/contacts/${contactId}/panel`)).text();
    expect(panel).toContain("เพิ่มบันทึก");
    expect(panel).toContain("<span>ไทย</span>");
    const empty = await as(admin, "th").post(`/contacts/${contactId}/notes`, { body: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("โปรดเขียนบันทึกก่อนบันทึก");
  });

  it("translates the contact fields page and its field checks", async () => {
    const page = await (await as(admin, "ja").get("/contacts/fields")).text();
    expect(page).toContain("連絡先フィールド");
    expect(page).toContain("フィールドを追加");
    const bad = await as(admin, "th").post("/contacts/fields", { label: "ระดับ", key: "Bad Key!", type: "text", options: "" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("คีย์ใช้ได้เฉพาะตัวพิมพ์เล็ก a–z ตัวเลข และ _");
  });
});

describe("notifications for their recipient", () => {
  it("renders a mention by an English-speaking agent in the Japanese-speaking recipient's language and time zone", async () => {
    const writer = await addAgent("Emma Writer");
    const reader = await addAgent("Haruka Reader");
    await env.DB.prepare("UPDATE users SET language = 'en' WHERE id = ?").bind(writer.id).run();
    await env.DB.prepare("UPDATE users SET language = 'ja', time_zone = 'Asia/Tokyo' WHERE id = ?").bind(reader.id).run();

    const res = await as(writer, "en-US").post(`/contacts/${contactId}/notes`, { body: "@Haruka Reader please call him back", conversation: conversationId });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Add note"); // the writer's own page stays English
    const row = await env.DB.prepare("SELECT id, body, created_at FROM notifications WHERE user_id = ?").bind(reader.id).first<{ id: string; body: string; created_at: number }>();
    expect(row?.body).toBe("@Haruka Reader please call him back");

    // What the live push carries: rendered inside the recipient's locale.
    const rendered = await renderNotificationFor(env.DB, await workspaceId(), reader.id, String(row?.id), Number(row?.created_at));
    expect(rendered?.text).toBe("Emma WriterさんがSomchai Deeのメモであなたをメンションしました:「@Haruka Reader please call him back」");
    expect(rendered?.html).toContain("メンション");
    const tokyo = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(Number(row?.created_at));
    expect(rendered?.html).toContain(`>${tokyo}</time>`);
    expect(rendered?.html).not.toContain("mentioned you");

    // The bell, opened by the recipient with an English browser: their chosen language wins.
    const menu = await (await as(reader, "en-US").get("/notifications")).text();
    expect(menu).toContain("Emma WriterさんがSomchai Deeのメモであなたをメンションしました");
    expect(menu).toContain("すべて既読にする");
  });

  it("pushes the recipient's rendering to their open inbox", async () => {
    const writer = await addAgent("Oliver Pusher");
    const reader = await addAgent("Kanya Listener");
    await env.DB.prepare("UPDATE users SET language = 'th', time_zone = 'Asia/Bangkok' WHERE id = ?").bind(reader.id).run();
    await as(writer, "en").post(`/contacts/${contactId}/notes`, { body: "@Kanya Listener refund approved", conversation: conversationId });
    const row = await env.DB.prepare("SELECT id FROM notifications WHERE user_id = ?").bind(reader.id).first<{ id: string }>();

    const feed = env.WORKSPACES.get(env.WORKSPACES.idFromName(await workspaceId()));
    const socket = (await feed.fetch(`https://workspace/live?user=${reader.id}`, { headers: { upgrade: "websocket" } })).webSocket!;
    const frame = new Promise<{ type: string; html: string }>((resolve) =>
      socket.addEventListener("message", (e) => {
        const data = JSON.parse(String(e.data)) as { type: string; html: string };
        if (data.type === "notification") resolve(data);
      }),
    );
    socket.accept();
    await pushNotifications(env, await workspaceId(), [{ userId: reader.id, notificationId: String(row?.id) }]);
    const { html } = await frame;
    expect(html).toContain("Oliver Pusher กล่าวถึงคุณในบันทึกของ Somchai Dee: “@Kanya Listener refund approved”");
    socket.close(1000, "done");
  });

  it("falls back to the workspace's language and time zone for someone who follows the browser", async () => {
    const ws = await createWorkspace("ร้านสมใจ");
    await env.DB.prepare("UPDATE workspaces SET language = 'th', time_zone = 'Asia/Bangkok' WHERE id = ?").bind(ws).run();
    const userId = `usr_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    await env.DB.prepare("INSERT INTO users (id, workspace_id, email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, 'x', 'agent', ?)")
      .bind(userId, ws, `${userId}@linedesk.test`, "Follows Browser", Date.now())
      .run();
    expect(await recipientLocale(env.DB, userId)).toEqual({ locale: "th", timeZone: "Asia/Bangkok" });
    await env.DB.prepare("UPDATE users SET language = 'zh-TW', time_zone = 'Asia/Taipei' WHERE id = ?").bind(userId).run();
    expect(await recipientLocale(env.DB, userId)).toEqual({ locale: "zh-TW", timeZone: "Asia/Taipei" });
  });
});
