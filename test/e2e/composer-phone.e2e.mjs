// The composer on a phone (390x844) and a laptop (1280x800), in English,
// Japanese and Thai: a customer writes with LINE emoji (shown inline, with their
// text when the image cannot load), the agent answers with text, a sticker and a
// photo — every bubble with its time and delivery badge fully on screen — a lone
// "/" is never sent, the customer blocks the account (banner + "Send anyway"),
// and the quota runs low (badge and composer warn). Every state is checked with
// assertFits and saved as docs/screenshots/composer-<state>-<phone|desktop>-<lang>.png.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

// A real PNG from the repository (the composer's video poster) to send as a photo.
const PNG = readFileSync(new URL("../../public/composer-poster.png", import.meta.url));

const TEXT = {
  en: { language: "en", header: "en-US,en;q=0.9", send: "Send", anyway: "Send anyway", blocked: "blocked this account on", left: "[1-5] messages? left", statusLeft: "only [1-5] messages? left this month", lone: "A lone “/” is not sent" },
  ja: { language: "ja", header: "ja,en-US;q=0.8", send: "送信", anyway: "それでも送信", blocked: "このアカウントをブロックしました", left: "残り[1-5]通", statusLeft: "今月の残りはあと[1-5]通です", lone: "「/」だけでは送信されません" },
  th: { language: "th", header: "th-TH,th;q=0.9", send: "ส่ง", anyway: "ส่งอยู่ดี", blocked: "บล็อกบัญชีนี้เมื่อ", left: "เหลือ [1-5] ข้อความ", statusLeft: "เดือนนี้เหลืออีกเพียง [1-5] ข้อความ", lone: "“/” ตัวเดียวจะไม่ถูกส่ง" },
};

async function json(response) {
  assert.ok(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

/** A fresh simulator customer (unique per run) who writes a message with two LINE emoji. */
async function newCustomer(request, base, name, language) {
  const created = await json(await request.post(`${base}/simulator/users`, { data: { displayName: name, language } }));
  const chatId = created.chatId;
  await json(await request.post(`${base}/simulator/chats/${chatId}/send`, { data: { kind: "text", text: "Hello (love) is the blue jacket in stock? (smile)" } }));
  return chatId;
}

async function shot(page, screenshots, state, width, lang) {
  await assertFits(page, `${state} ${width} ${lang}`);
  await page.screenshot({ path: join(screenshots, `composer-${state}-${width}-${lang}.png`) });
}

/** An outgoing bubble, its time and its delivery badge are inside the viewport and the thread, not clipped. */
async function assertBubbleVisible(page, id, label) {
  // A live update may be swapping the bubble in this instant: wait until it is laid out.
  await page.waitForFunction((msgId) => {
    const el = document.getElementById(msgId);
    return el && [".bubble", ".msg__time", ".delivery"].every((sel) => (el.querySelector(sel)?.getBoundingClientRect().width ?? 0) > 0);
  }, id);
  const boxes = await page.evaluate((msgId) => {
    const el = document.getElementById(msgId);
    const thread = document.getElementById("thread-messages").getBoundingClientRect();
    const rect = (sel) => {
      const r = el.querySelector(sel)?.getBoundingClientRect();
      return r ? { left: r.left, right: r.right, width: r.width } : null;
    };
    return { viewport: document.documentElement.clientWidth, thread: { left: thread.left, right: thread.right }, bubble: rect(".bubble"), time: rect(".msg__time"), delivery: rect(".delivery") };
  }, id);
  for (const part of ["bubble", "time", "delivery"]) {
    const r = boxes[part];
    assert.ok(r && r.width > 0, `${label}: the ${part} is shown`);
    assert.ok(r.left >= boxes.thread.left - 1 && r.right <= boxes.thread.right + 1 && r.right <= boxes.viewport + 1, `${label}: the ${part} (${Math.round(r.left)}–${Math.round(r.right)}) is inside the thread (${Math.round(boxes.thread.left)}–${Math.round(boxes.thread.right)})`);
  }
}

async function runOne(browser, base, screenshots, lang, viewport) {
  const t = TEXT[lang];
  const width = viewport === PHONE ? "phone" : "desktop";
  const context = await browser.newContext({ viewport, locale: t.language, extraHTTPHeaders: { "accept-language": t.header } });
  try {
    const page = await context.newPage();
    await signIn(page, base);
    const name = `Cmp ${lang} ${width} ${Date.now() % 100000}`;
    const chatId = await newCustomer(context.request, base, name, t.language);

    // Open the conversation from the list.
    const row = page.locator(".conv-item", { hasText: name });
    await row.waitFor({ timeout: 15_000 });
    await row.locator("a").first().click();
    const incoming = page.locator(".msg--in .bubble__text", { hasText: "blue jacket" });
    await incoming.waitFor();
    await page.locator(`#composer-send`, { hasText: t.send }).waitFor();

    // LINE emoji sit inside the sentence, in order: an image that loads, or its "(love)" text in place.
    await incoming.evaluate((el) =>
      new Promise((resolve) => {
        const settled = () => [...el.querySelectorAll("img.line-emoji")].every((img) => img.complete && img.naturalWidth > 0);
        if (settled()) return resolve();
        const observer = new MutationObserver(() => settled() && (observer.disconnect(), resolve()));
        observer.observe(el, { childList: true, subtree: true });
        el.querySelectorAll("img.line-emoji").forEach((img) => img.addEventListener("load", () => settled() && resolve()));
      }),
    );
    const emoji = await incoming.evaluate((el) => {
      const parts = [...el.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : n.matches("img") && n.naturalWidth > 0 ? `[${n.alt}]` : n.textContent));
      const line = el.getBoundingClientRect();
      const first = el.querySelector(".line-emoji").getBoundingClientRect();
      return { text: parts.join(""), firstTop: first.top - line.top, lineHeight: parseFloat(getComputedStyle(el).lineHeight) };
    });
    assert.match(emoji.text, /^Hello \[?\(love\)\]? is the blue jacket in stock\? \[?\(smile\)\]?$/, `${lang} ${width}: emoji keep their place`);
    assert.ok(emoji.firstTop < emoji.lineHeight, `${lang} ${width}: the first emoji sits on the first line, not above the text`);
    await shot(page, screenshots, "thread", width, lang);

    // Text, by Enter; the agent opens the sticker picker while it is on its way (the send is
    // held until the picker is open) and the fresh composer that comes back keeps it open.
    const answer = `Yes, M and L are in stock ${lang}-${width}`;
    await page.fill("#composer-text", answer);
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/compose/text", async (route) => (await held, route.continue()), { times: 1 });
    await page.keyboard.press("Enter");
    await page.click("#composer-tool-sticker summary");
    await page.locator("#composer-tool-sticker .sticker-picker__item").first().waitFor();
    release();
    const sentText = page.locator(".msg--out[data-status='sent']", { hasText: answer });
    await sentText.waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.getElementById("composer-text")?.value === "");
    assert.ok(await page.locator("#composer-tool-sticker").evaluate((d) => d.open), `${lang} ${width}: the picker opened during the send is still open`);

    // A sticker from the picker.
    await page.locator("#composer-tool-sticker .sticker-picker__item").first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll("#composer-tool-sticker img")].filter((img) => img.getBoundingClientRect().width > 0).every((img) => img.complete && img.naturalWidth > 0),
    );
    await shot(page, screenshots, "stickers", width, lang);
    const outBefore = await page.locator(".msg--out").count();
    await page.locator("#composer-tool-sticker .sticker-picker__item").first().click();
    await page.locator(".msg--out .bubble--sticker").last().waitFor();
    await page.waitForFunction((n) => document.querySelectorAll(".msg--out").length > n, outBefore);

    // A photo.
    await page.click("#composer-tool-attach summary");
    await page.setInputFiles("#composer-tool-attach [data-attach-input]", { name: "jacket.png", mimeType: "image/png", buffer: PNG });
    const upload = page.locator("#composer-tool-attach button[type=submit]");
    await page.waitForFunction(() => !document.querySelector("#composer-tool-attach button[type=submit]")?.disabled);
    await upload.click();
    await page.locator(".msg--out .media--image").last().waitFor({ timeout: 15_000 });

    // Every outgoing bubble delivered, its time and badge whole.
    await page.waitForFunction(() => [...document.querySelectorAll(".msg--out")].every((m) => m.dataset.status === "sent"), null, { timeout: 15_000 });
    const outgoing = await page.locator(".msg--out").evaluateAll((els) => els.map((el) => el.id));
    assert.ok(outgoing.length >= 3, `${lang} ${width}: text, sticker and photo are in the thread`);
    for (const [i, id] of outgoing.entries()) await assertBubbleVisible(page, id, `${lang} ${width} bubble ${i + 1}`);
    await page.locator("#thread-messages").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot(page, screenshots, "sent", width, lang);

    // A lone "/" is never sent — not by Enter once the list is closed, not by the Send button —
    // and Enter on a list with nothing to pick sends nothing either.
    await page.fill("#composer-text", "/");
    await page.locator("#composer-canned").waitFor();
    await page.keyboard.press("Escape");
    await page.locator("#composer-canned").waitFor({ state: "hidden" });
    await page.keyboard.press("Enter");
    await page.locator("#composer-canned", { hasText: t.lone }).waitFor();
    await shot(page, screenshots, "slash", width, lang);
    await page.click("#composer-send");
    await page.locator("#composer-canned", { hasText: t.lone }).waitFor();
    await page.fill("#composer-text", "/zzqx");
    await page.locator("#composer-canned [data-canned-empty]", { hasText: "zzqx" }).waitFor();
    await page.keyboard.press("Enter");
    const after = `after the slash ${lang}-${width}`;
    await page.fill("#composer-text", after);
    await page.keyboard.press("Enter");
    await page.locator(".msg--out", { hasText: after }).waitFor({ timeout: 15_000 });
    const commands = await page.locator(".msg--out .bubble__text").evaluateAll((els) => els.filter((e) => /^\/(zzqx)?$/.test(e.textContent.trim())).length);
    assert.equal(commands, 0, `${lang} ${width}: neither "/" nor "/zzqx" was sent`);

    // The quota runs low: check with LINE now (other walks sharing this instance may push
    // a message meanwhile, so "5 left" may read 4: the patterns allow 1–5), then the badge and the composer (the next send is a push) warn.
    await json(await context.request.post(`${base}/simulator/control/quota`, { data: { limit: 1000, used: 995 } }));
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute("content");
    const check = await context.request.post(`${base}/inbox/quota/check`, { headers: { "x-csrf-token": csrf, origin: base, "hx-request": "true" } });
    assert.equal(check.status(), 200);
    assert.match(await check.text(), new RegExp(t.left));
    await page.reload();
    await page.locator("#quota-badge .quota-pill--warning", { hasText: new RegExp(t.left) }).waitFor({ state: "attached" });
    if (viewport === DESKTOP) await page.locator("#quota-badge .quota-pill--warning").waitFor();
    await page.locator("#composer-status .composer-status__left", { hasText: new RegExp(t.statusLeft) }).waitFor();
    await shot(page, screenshots, "quota", width, lang);
    await json(await context.request.post(`${base}/simulator/control/quota`, { data: { limit: 1000, used: 0 } }));

    // The customer blocks the account: the banner (with the date) and "Send anyway" arrive live.
    await json(await context.request.post(`${base}/simulator/chats/${chatId}/unfollow`, { data: {} }));
    await page.locator(".msg--event-unfollow").waitFor({ timeout: 15_000 });
    await page.locator("#composer-blocked time").waitFor({ timeout: 15_000 });
    assert.match(await page.locator("#composer-blocked").textContent(), new RegExp(t.blocked));
    await page.locator("#composer-send", { hasText: t.anyway }).waitFor();
    await shot(page, screenshots, "blocked", width, lang);
  } finally {
    await context.close();
  }
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    for (const lang of ["en", "ja", "th"]) {
      for (const viewport of [PHONE, DESKTOP]) await runOne(browser, base, screenshots, lang, viewport);
    }
  } finally {
    await browser.close();
  }
}
