// The automation pages in the reader's language: labels, the settings nav,
// business-hours times in the CHANNEL's time zone (labelled) formatted for the
// reader, closure dates, previews' sample customer lines and every form check —
// while the texts admins write for customers stay exactly as written.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type Agent, ORIGIN } from "../helpers/session";
import { loginAs } from "../helpers/users";
import { addRule, ALWAYS_OPEN, configure, newChannel } from "./helpers";

/** Requests as `agent` from a browser asking for `language`. */
function as(agent: Agent, language: string) {
  const headers = { cookie: agent.cookie, "accept-language": language, origin: ORIGIN };
  return {
    get: (path: string) => SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", headers }),
    post: (path: string, form: Record<string, string>) =>
      SELF.fetch(`${ORIGIN}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers, "hx-request": "true", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: agent.csrf, ...form }),
      }),
  };
}

describe("automation pages in Japanese", () => {
  it("shows business hours with week days, the channel's clock labelled with its zone, and closures in Japanese", async () => {
    const admin = await loginAs("admin");
    const channel = await newChannel("さくら店");
    await configure(channel, { timeZone: "Asia/Tokyo", weeklyHours: ALWAYS_OPEN });
    const ja = as(admin, "ja-JP,ja;q=0.9");
    const added = await ja.post("/settings/automation/holidays", { channel: channel.id, name: "ゴールデンウィーク", startDate: "2026-05-03", endDate: "2026-05-06" });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('datetime="2026-05-03">2026/05/03～2026/05/06</time>'); // ICU's Japanese date range

    const html = await (await ja.get(`/settings/automation?channel=${channel.id}`)).text();
    expect(html).toContain("<html lang=\"ja\"");
    expect(html).toContain("週間の営業時間");
    expect(html).toContain(">月曜日<");
    expect(html).toContain(">日曜日<");
    expect(html).toContain("営業中 · ");
    // Now, in Tokyo, with the zone named.
    const tokyoNow = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(Date.now());
    expect(html).toMatch(new RegExp(`チャネルの時刻（Asia/Tokyo）· 現在 (${tokyoNow}|\\d\\d:\\d\\d)`));
    // The settings nav's automation entries follow the reader's language.
    expect(html).toContain("自動メッセージ");
    expect(html).toContain("キーワード応答");
    expect(html).not.toContain("Weekly hours");
  });

  it("explains a refused pattern and a bad hours line in Japanese, and keeps the admin's reply text as written", async () => {
    const admin = await loginAs("admin");
    const channel = await newChannel();
    const ja = as(admin, "ja");
    const rule = await ja.post("/settings/automation/keywords", { channel: channel.id, name: "壊れたパターン", keywords: "(a+)\\1", matchMode: "regex", priority: "10", activeWindow: "always", enabled: "on", m0_type: "text", m0_text: "Hello from the shop" });
    expect(rule.status).toBe(422);
    const ruleHtml = await rule.text();
    expect(ruleHtml).toContain("パターン 1（(a+)\\1）: \\1 のような後方参照には対応していません");
    expect(ruleHtml).toContain("強調表示された項目を確認してください。");
    expect(ruleHtml).toContain("Hello from the shop"); // what the admin wrote for customers is never translated
    const hours = await ja.post("/settings/automation/hours", { channel: channel.id, timeZone: "Asia/Tokyo", day1: "9時から", day0: "", day2: "", day3: "", day4: "", day5: "", day6: "" });
    expect(hours.status).toBe(422);
    expect(await hours.text()).toContain("「9時から」は時間帯になっていません。09:00-18:00 のように入力してください");
  });
});

describe("automation pages in Thai", () => {
  it("shows the automatic messages with Thai labels, Thai sample customer lines and the admin's own text", async () => {
    const admin = await loginAs("admin");
    const channel = await newChannel();
    await configure(channel, { awayText: "Sorry, we are closed." });
    const html = await (await as(admin, "th-TH").get(`/settings/automation/messages?channel=${channel.id}`)).text();
    expect(html).toContain("ข้อความแจ้งไม่อยู่");
    expect(html).toContain("30 วันที่ผ่านมา:");
    expect(html).toContain("สวัสดีค่ะ เปิดอยู่ไหมคะ"); // the sample customer in the preview
    expect(html).toContain("Sorry, we are closed.");
    const bad = await as(admin, "th").post("/settings/automation/messages/away", { channel: channel.id, awayEnabled: "on", awayText: "", quietMinutes: "2" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("โปรดเขียนข้อความแจ้งไม่อยู่");
    expect(badHtml).toContain("โปรดกรอก 5 ขึ้นไป");
  });

  it("lists keyword rules with Thai match modes, windows and counts", async () => {
    const admin = await loginAs("admin");
    const channel = await newChannel();
    await addRule(channel, { name: "ราคา", keywords: ["ราคา"], matchMode: "contains", activeWindow: "in_hours" });
    const html = await (await as(admin, "th").get(`/settings/automation/keywords?channel=${channel.id}`)).text();
    expect(html).toContain("กฎคีย์เวิร์ดใหม่");
    expect(html).toMatch(/มีคำว่า<\/span> · <span class="auto-rule__fact">ในเวลาทำการ<\/span> · <span class="auto-rule__fact">1 ข้อความ</);
    expect(html).toContain("ตัวอย่างสิ่งที่ลูกค้าเห็นใน LINE");
  });
});
