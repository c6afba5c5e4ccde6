// The composer area in the agent's language: the reply box, its status and
// the quota badge in Japanese and Thai, numbers formatted for the locale, and
// system lines (activity, LINE events) rendered in the reader's language from
// stored data — with lines stored before that data existed still readable.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadMessage } from "../../src/conversations/model";
import { syncQuota } from "../../src/quota/service";
import { withLocale } from "../../src/ui/i18n";
import { MessageBubble } from "../../src/ui/message-bubble";
import { channelRowId } from "../helpers/conversations";
import { textEvent, userId } from "../helpers/line";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { customerWrites, lineRecorder } from "./helpers";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});
const record = lineRecorder();

const lang = (code: string) => ({ headers: { "accept-language": code, "hx-request": "true" } });

async function setSimulatorQuota(limit: number, used: number) {
  const res = await SELF.fetch(`${ORIGIN}/simulator/control/quota`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ limit, used }) });
  expect(res.status).toBe(200);
}

describe("the composer in the agent's language", () => {
  it("renders the reply box, its tools and the status line in Japanese and Thai", async () => {
    record();
    const { id } = await customerWrites("cmp-i18n", [textEvent("こんにちは", { userId: userId("cmp-i18n"), replyToken: null })]);
    const ja = await (await agent.get(`/inbox/c/${id}`, lang("ja,en;q=0.5"))).text();
    expect(ja).toContain(">送信<");
    expect(ja).toContain("<kbd>Shift</kbd>+<kbd>Enter</kbd> 改行");
    expect(ja).toContain("スタンプを送る");
    expect(ja).toContain("クイックリプライ");
    const jaStatus = await (await agent.get(`/inbox/c/${id}/compose/status`, lang("ja"))).text();
    expect(jaStatus).toContain("プッシュ送信になります");

    const th = await (await agent.get(`/inbox/c/${id}/compose/status`, lang("th-TH,th;q=0.9"))).text();
    expect(th).toContain("จะส่งแบบพุช");
    const thLone = await agent.get(`/inbox/c/${id}/compose/text`, {
      method: "POST",
      headers: { cookie: agent.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", "hx-request": "true", "accept-language": "th" },
      body: new URLSearchParams({ _csrf: agent.csrf, text: "/" }),
    });
    expect(thLone.status).toBe(422);
    expect(await thLone.text()).toContain("“/” ตัวเดียวจะไม่ถูกส่งถึงลูกค้า");
  });

  it("shows the quota badge in Japanese and Thai, with numbers formatted for the locale", async () => {
    record();
    await setSimulatorQuota(1000, 995);
    await syncQuota(env, await channelRowId());
    const ja = await (await agent.get("/inbox/quota", lang("ja"))).text();
    expect(ja).toContain("残り5通 · 995 / 1,000");
    const th = await (await agent.get("/inbox/quota", lang("th"))).text();
    expect(th).toContain("เหลือ 5 ข้อความ · 995 / 1,000");
    // Turkish groups thousands with a dot.
    const tr = await (await agent.get("/inbox/quota", lang("tr"))).text();
    expect(tr).toContain("5 mesaj kaldı · 995 / 1.000");
  });
});

describe("system lines", () => {
  const line = (body: ThreadMessage["body"]): ThreadMessage => ({
    id: "msg_00000000000000000009", seq: 9, direction: "system", body, lineMessageId: null, senderLineUserId: null, senderName: null,
    agentId: null, agentName: null, status: "received", via: null, error: null, mediaKey: null, quoteToken: null, createdAt: Date.UTC(2026, 0, 5, 3, 0), redelivered: false, standby: false, unsent: false,
  });
  const render = (m: ThreadMessage, locale: "ja" | "th" | "en", timeZone = "Asia/Tokyo") =>
    withLocale({ locale, timeZone }, () => String(MessageBubble({ message: m, conversationId: "c".repeat(64), stickerUrl: () => "" })));

  it("renders a triage change from its data in the reader's language and time zone", async () => {
    record();
    const { id } = await customerWrites("cmp-i18n-triage");
    const resolve = await agent.post(`/inbox/c/${id}/triage`, { status: "resolved" }, { htmx: true });
    expect(resolve.status).toBe(200);
    const ja = await (await agent.get(`/inbox/c/${id}`, lang("ja"))).text();
    expect(ja).toContain("Aiko (admin)さんが会話を解決済みにしました");
    const th = await (await agent.get(`/inbox/c/${id}`, lang("th"))).text();
    expect(th).toContain("Aiko (admin) ปิดบทสนทนาว่าแก้ไขแล้ว");

    const until = Date.UTC(2026, 0, 6, 1, 0);
    const snoozed = line({ type: "activity", action: "snoozed", text: "Mika snoozed the conversation until 2026-01-06 01:00 UTC", actorName: "Mika", params: { until } });
    expect(render(snoozed, "ja")).toContain("Mikaさんが会話を2026年1月6日 10:00までスヌーズしました");
    expect(render(snoozed, "en", "Asia/Bangkok")).toContain("Mika snoozed the conversation until 6 Jan 2026, 08:00");
    const priority = line({ type: "activity", action: "priority", text: "Mika set priority to High", actorName: "Mika", params: { priority: 3 } });
    expect(render(priority, "th")).toContain("Mika ตั้งความสำคัญเป็น สูง");
  });

  it("keeps lines stored before their data existed readable, and translates LINE events", () => {
    const old = line({ type: "activity", action: "assigned", text: "Mika assigned the conversation to Ploy", actorName: "Mika" });
    expect(render(old, "ja")).toContain("Mika assigned the conversation to Ploy");
    const woke = line({ type: "activity", action: "woke", text: "Snooze ended: back in the inbox", actorName: null });
    expect(render(woke, "ja")).toContain("スヌーズが終了し、受信箱に戻りました");
    const blocked = line({ type: "event", event: "unfollow", text: "Blocked the account" });
    expect(render(blocked, "th")).toContain("บล็อกบัญชี");
    const joined = line({ type: "event", event: "memberJoined", text: "3 members joined" });
    expect(render(joined, "ja")).toContain("3人のメンバーが参加しました");
    expect(render(line({ type: "event", event: "memberJoined", text: "1 member joined" }), "en")).toContain("1 member joined");
  });
});
