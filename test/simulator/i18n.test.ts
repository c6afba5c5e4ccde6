// The simulator speaks the reader's language: the phone page and the console from
// the browser's Accept-Language, the customer's errors from the phone's request, and
// live lines in the language each open phone asked for. The fake LINE API stays English.
import { SELF } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withLocale } from "../../src/ui/i18n";
import { api, captureWebhooks, newCustomer, phone, simulator } from "./helpers";

const sim = simulator("sim-i18n");
let hooks: ReturnType<typeof captureWebhooks>;
beforeEach(() => {
  hooks = captureWebhooks(200);
});
afterEach(() => hooks.restore());

const page = async (path: string, language: string) => (await SELF.fetch(`https://linedesk.test${path}`, { headers: { "accept-language": language } })).text();

describe("pages", () => {
  it("renders the phone page in Japanese and Thai, with the client messages", async () => {
    const ja = await page("/simulator", "ja-JP,ja;q=0.9");
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain("LINEシミュレーター");
    expect(ja).toContain("新しいお客様");
    expect(ja).toContain("月間の上限");
    // public/simulator.js reads its strings through public/i18n.js.
    expect(ja).toMatch(/<script type="application\/json" id="i18n-messages">[^<]*"simulator.read":"既読"/);
    expect(ja).toContain('<script src="/i18n.js">');

    const th = await page("/simulator", "th-TH");
    expect(th).toContain('<html lang="th">');
    expect(th).toContain("เครื่องจำลอง LINE");
    expect(th).toContain("ลูกค้าใหม่");
    expect(await page("/simulator", "en")).toContain("New customer");
  });

  it("renders the fake LINE Developers Console in Japanese", async () => {
    const html = await page("/simulator/console", "ja");
    expect(html).toContain("LINE Developersコンソール");
    expect(html).toContain("チャネルシークレット");
    expect(html).toContain("スマホ画面に戻る");
  });

  it("draws no emoji or full-width symbols as icons", async () => {
    const html = await page("/simulator", "en");
    expect(html).not.toMatch(/[☰✕＋☺📍📄📷🖼🎟↗‹]/u);
  });
});

describe("the customer's actions", () => {
  it("explain refusals in the phone's language", async () => {
    const chatId = await newCustomer(sim, "Kenji", "ja");
    const refused = await withLocale({ locale: "ja", timeZone: "UTC" }, () => phone(sim, `/chats/${chatId}/unsend`));
    expect(refused).toEqual({ ok: false, error: "取り消せるメッセージがありません" });
    const invalid = await withLocale({ locale: "th", timeZone: "UTC" }, () => phone(sim, "/users", { displayName: "" }));
    expect(invalid).toMatchObject({ ok: false, error: "โปรดตั้งชื่อลูกค้า" });
  });

  it("keeps the fake LINE API's errors in LINE's English", async () => {
    const res = await withLocale({ locale: "ja", timeZone: "UTC" }, () => api(sim, "POST", "/line/v2/bot/message/push", { to: "", messages: [] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toMatch(/[\u3040-\u30ff]/);
  });
});

describe("live lines", () => {
  it("are rendered in the language the open phone asked for", async () => {
    const chatId = await newCustomer(sim, "Nok", "th");
    const res = await sim.request(`/ws?chat=${chatId}&lang=th`, { headers: { upgrade: "websocket" } });
    const ws = res.webSocket;
    if (!ws) throw new Error("no websocket");
    ws.accept();
    const blocked = new Promise<string>((resolve) => {
      ws.addEventListener("message", (e) => {
        const frame = JSON.parse(String(e.data)) as { t: string; html?: string };
        if (frame.t === "append" && frame.html?.includes("system")) resolve(frame.html);
      });
    });
    expect(await phone(sim, `/chats/${chatId}/unfollow`)).toMatchObject({ ok: true });
    expect(await blocked).toContain("Nok บล็อกบัญชีแล้ว");
    ws.close(1000, "done");
  });
});
