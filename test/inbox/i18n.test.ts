// The inbox in the reader's language and time zone: Japanese and Thai pages,
// translated errors, and snooze times in the agent's zone rather than UTC.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import type { Agent } from "../helpers/session";
import { loginAs } from "../helpers/users";

let agent: Agent & { user: { id: string } };
beforeAll(async () => {
  agent = await loginAs("agent", { name: "Somsri Bangkok" });
});

async function conversation(seed: string, text = "สวัสดีครับ") {
  routeLineToSimulator();
  expect((await postWebhook(webhookBody([textEvent(text, { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

const inLanguage = (lang: string) => ({ headers: { "accept-language": lang } });

describe("the inbox in Japanese and Thai", () => {
  it("renders the list page in Japanese", async () => {
    const html = await (await agent.get("/inbox", inLanguage("ja,en;q=0.5"))).text();
    expect(html).toContain('<html lang="ja"');
    for (const text of ["受信箱", "自分", "未割り当て", "解決済み", "名前とメッセージを検索", "絞り込み", "リアルタイム"]) expect(html).toContain(text);
    expect(html).not.toContain("Unassigned");
  });

  it("renders the list page and an open conversation in Thai", async () => {
    const { id } = await conversation("i18n-th");
    const list = await (await agent.get("/inbox", inLanguage("th-TH,th;q=0.9"))).text();
    for (const text of ["ของฉัน", "ยังไม่มอบหมาย", "ค้นหาชื่อและข้อความ"]) expect(list).toContain(text);
    const thread = await (await agent.get(`/inbox/c/${id}`, inLanguage("th"))).text();
    for (const text of ["จัดการบทสนทนา", "เปิดอยู่", "แก้ไขแล้ว", "บันทึกภายใน", "กลับไปที่รายการบทสนทนา"]) expect(thread).toContain(text);
  });

  it("answers a refused triage change in the reader's language", async () => {
    const { id } = await conversation("i18n-error");
    const res = await agent.get(`/inbox/c/${id}/triage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true", origin: "https://linedesk.test", "accept-language": "ja" },
      body: new URLSearchParams({ _csrf: agent.csrf, snooze_until: "2020-01-01T09:00", tz_offset: "0" }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("スヌーズの終了には未来の日時を選んでください。");
  });
});

describe("times in the reader's zone", () => {
  it("shows when a snooze ends in the agent's time zone, not in UTC", async () => {
    await env.DB.prepare("UPDATE users SET time_zone = 'Asia/Bangkok' WHERE id = ?").bind(agent.user.id).run();
    const { id, stub } = await conversation("i18n-snooze");
    const html = await (await agent.post(`/inbox/c/${id}/triage`, { snooze: "4h" }, { htmx: true })).text();
    const until = (await stub.thread({ limit: 1 })).triage.snoozedUntil ?? 0;
    const clock = (timeZone: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(until);
    const bar = html.slice(html.indexOf('id="triage-bar"'), html.indexOf("triage-menu__body"));
    expect(bar).toContain(clock("Asia/Bangkok"));
    expect(bar).not.toContain(clock("UTC"));
  });
});
