// The contact panel, the contact fields page, the notifications page and every
// automation page at phone (390x844) and laptop (1280x800) width, in English,
// Japanese and Thai: an agent adds a tag, a custom field value and a note in a
// conversation's contact panel, an admin fills a keyword rule and watches its
// LINE preview. Nothing may overflow the viewport (assertFits measures every
// visible box); screenshots go to docs/screenshots/contacts-*-<phone|desktop>-<lang>.png
// and automation-*-<phone|desktop>-<lang>.png. On phones the panel is measured
// on its own page (the inbox shows the same fragment as a full-screen sheet),
// also at 320 and 430 px.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const LANGUAGES = [
  { code: "en", locale: "en-US", mentioned: "mentioned you in a note on", tag: "VIP", note: "Asked about the sofa delivery", field: "Ship to the back door, 99/123 Sukhumvit Soi 101/1, Bangkok 10260" },
  { code: "ja", locale: "ja-JP", mentioned: "のメモであなたをメンションしました", tag: "常連のお客様", note: "配送日の確認をお願いします", field: "東京都渋谷区神南1-2-3 グリーンビル5階 受付にお渡しください" },
  { code: "th", locale: "th-TH", mentioned: "กล่าวถึงคุณในบันทึกของ", tag: "ลูกค้าประจำ", note: "ลูกค้าสอบถามเรื่องการจัดส่งโซฟา", field: "ส่งที่ประตูหลัง 99/123 ซอยสุขุมวิท 101/1 กรุงเทพฯ 10260" },
];
const VIEWPORTS = [
  { name: "desktop", viewport: DESKTOP },
  { name: "phone", viewport: PHONE },
];

/** Fields and a customer with a long name, a long URL and a Thai LINE profile, made once. */
async function setUp(browser, base) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, base);
  // Custom fields through the admin page, as an admin would.
  await page.goto(`${base}/contacts/fields`);
  const fields = [
    { label: "Membership tier", type: "select", options: "Bronze\nSilver\nGold\nPlatinum Elite Lifetime Member" },
    { label: "Preferred delivery address for large furniture orders", key: "delivery_address", type: "text" },
    { label: "Birthday", type: "date" },
  ];
  for (const field of fields) {
    const form = page.locator(".cf-form--create");
    await form.locator('input[name="label"]').fill(field.label);
    if (field.key) await form.locator('input[name="key"]').fill(field.key);
    await form.locator('select[name="type"]').selectOption(field.type);
    if (field.options) await form.locator('textarea[name="options"]').fill(field.options);
    await form.locator('button[type="submit"]').click();
    await page.locator(".cf-row", { hasText: field.label }).waitFor({ timeout: 10_000 });
  }
  // A customer writes from the simulator (its JSON API), with a name that does not break.
  const json = { accept: "application/json", origin: base };
  const customer = await (await page.request.post(`${base}/simulator/users`, { headers: json, form: { displayName: "Wattanakulsrisawatdd", language: "th" } })).json();
  assert.equal(customer.ok, true, JSON.stringify(customer));
  const text = `สวัสดีครับ ขอดูคำสั่งซื้อ https://shop.example.com/orders/123456789012345678901234567890?ref=line ${Date.now()}`;
  const sent = await (await page.request.post(`${base}/simulator/chats/${customer.chatId}/send`, { headers: json, form: { kind: "text", text } })).json();
  assert.equal(sent.ok, true, JSON.stringify(sent));
  await page.goto(`${base}/inbox`);
  const row = page.locator(".conv-item", { hasText: "Wattanakulsrisawatdd" });
  await row.waitFor({ timeout: 20_000 });
  await row.locator("a").first().click();
  const open = page.locator("[data-open-panel]");
  await open.waitFor();
  const panelPath = await open.getAttribute("hx-get");
  assert.match(panelPath, /^\/contacts\/ct_[0-9a-z]+\/panel\?conversation=[0-9a-f]{64}$/);
  const conversationPath = new URL(page.url()).pathname;

  // A teammate joins through an invite link and mentions the admin in a note: the bell has something to show.
  const csrf = await page.locator('meta[name="csrf-token"]').getAttribute("content");
  const email = `somsak-${Date.now().toString(36)}@linedesk.test`;
  const invited = await page.request.post(`${base}/settings/team/invites`, { headers: { origin: base }, form: { _csrf: csrf, name: "Somsak Chaiyaporn", email, role: "agent" } });
  const inviteUrl = /id="one-time-link-url"[^>]*value="([^"]+)"/.exec(await invited.text())?.[1];
  assert.ok(inviteUrl, "the invite answers with a one-time link");
  const teammate = await (await browser.newContext({ viewport: DESKTOP, locale: "th-TH" })).newPage();
  await teammate.goto(inviteUrl);
  await teammate.fill('input[name="name"]', "Somsak Chaiyaporn");
  await teammate.fill('input[name="password"]', "a-long-teammate-passphrase-42");
  await teammate.fill('input[name="confirm"]', "a-long-teammate-passphrase-42");
  await Promise.all([teammate.waitForURL(/\/inbox/), teammate.click('button[type="submit"]')]);
  await teammate.goto(`${base}${panelPath}`);
  await teammate.locator(".cp-note-form textarea").fill("@Aiko (admin) ลูกค้าขอเปลี่ยนที่อยู่จัดส่ง https://shop.example.com/orders/123456789012345678901234567890 โปรดโทรกลับก่อน 18:00");
  await teammate.locator('.cp-note-form button[type="submit"]').click();
  await teammate.locator(".cp-note", { hasText: "ลูกค้าขอเปลี่ยนที่อยู่จัดส่ง" }).waitFor({ timeout: 10_000 });
  await teammate.context().close();
  await context.close();
  return { conversationPath, panelPath };
}

/** In an open contact panel: a tag, the delivery address (Enter saves it), a note mentioning a teammate. */
async function workThePanel(page, lang) {
  const panel = page.locator(".contact-panel");
  await panel.waitFor();
  await panel.locator(".cp-add__toggle").click();
  await panel.locator('.cp-tag-form input[name="name"]').fill(lang.tag);
  await panel.locator('.cp-tag-form button[type="submit"]').click();
  await panel.locator(".cp-tag-list .cp-tag", { hasText: lang.tag }).waitFor({ timeout: 10_000 });

  const address = panel.locator(".cp-field", { hasText: "Preferred delivery address" }).locator("textarea[data-field-text]");
  await address.fill(lang.field);
  await address.press("Enter");
  await panel.locator(".cp-field", { hasText: "Preferred delivery address" }).locator(".cp-field__saved").waitFor({ timeout: 10_000 });
  assert.equal(await panel.locator(".cp-field", { hasText: "Preferred delivery address" }).locator("textarea").inputValue(), lang.field);

  // @ suggests teammates; choosing one completes the mention, then the note is saved.
  const body = panel.locator(".cp-note-form textarea");
  await body.pressSequentially("@Som");
  await panel.locator(".cp-mention-option", { hasText: "Somsak Chaiyaporn" }).click();
  // The server completes the draft and hands the form back, caret at the end.
  await page.waitForFunction(() => document.querySelector(".contact-panel .cp-note-form textarea")?.value === "@Somsak Chaiyaporn ", null, { timeout: 10_000 });
  const stamp = Date.now();
  await panel.locator(".cp-note-form textarea").press("End");
  await panel.locator(".cp-note-form textarea").pressSequentially(`${lang.note} ${stamp}`);
  await panel.locator('.cp-note-form button[type="submit"]').click();
  await panel.locator(".cp-note", { hasText: String(stamp) }).waitFor({ timeout: 10_000 });
  await panel.locator(".cp-note", { hasText: String(stamp) }).locator(".cp-mention", { hasText: "@Somsak Chaiyaporn" }).waitFor();
  await panel.locator(".cp-scroll").evaluate((el) => el.scrollTo(0, 0));
}

/** Opens the new-rule form, fills a text, a sticker and a quick reply, and waits for the LINE preview. */
async function fillKeywordRule(page, stamp) {
  await page.locator("#rule-create summary").click();
  const form = page.locator("#rule-create form");
  await form.locator('input[name="name"]').fill(`Opening hours ${stamp}`);
  await form.locator('textarea[name="keywords"]').fill(`hours${stamp}`);
  await form.locator('textarea[name="m0_text"]').fill(`We're open 9:00–18:00 on weekdays (${stamp}).`);
  await form.locator('select[name="m1_type"]').selectOption("sticker");
  await form.locator('input[name="m1_sticker"]').fill("446/1988");
  await form.locator('textarea[name="qr"]').fill("Book a table | I'd like to book a table");
  const preview = form.locator(".auto-rule-form__preview");
  await preview.locator(".lp-bubble:not(.lp-bubble--me)", { hasText: stamp }).waitFor({ timeout: 10_000 });
  await preview.locator(".lp-sticker").waitFor();
  await preview.locator(".lp-chip", { hasText: "Book a table" }).waitFor();
  return form;
}

async function shot(page, screenshots, name, fullPage = true) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const { conversationPath, panelPath } = await setUp(browser, base);

    for (const lang of LANGUAGES) {
      for (const { name: vp, viewport } of VIEWPORTS) {
        const label = `${lang.code} ${vp}`;
        const context = await browser.newContext({ viewport, locale: lang.locale });
        const page = await context.newPage();
        await signIn(page, base);
        assert.equal(await page.locator("html").getAttribute("lang"), lang.code, `${label}: the UI follows the browser's language`);

        // The contact panel: next to the thread on a laptop; on its own full-width page on a phone.
        if (vp === "desktop") {
          await page.goto(`${base}${conversationPath}`);
          await page.locator("[data-open-panel]").click();
        } else {
          await page.goto(`${base}${panelPath}`);
        }
        await workThePanel(page, lang);
        await assertFits(page, `${label} contact panel`);
        // The inbox is one screen: its panes scroll, not the page.
        await shot(page, screenshots, `contacts-panel-${vp}-${lang.code}`, vp === "phone");
        if (vp === "phone" && lang.code === "en") {
          for (const width of [320, 430]) {
            await page.setViewportSize({ width, height: 800 });
            await assertFits(page, `contact panel at ${width} px`);
          }
          await page.setViewportSize(viewport);
        }

        await page.goto(`${base}/contacts/fields`);
        await page.locator(".cf-row", { hasText: "Preferred delivery address" }).waitFor();
        await assertFits(page, `${label} contact fields`);
        await shot(page, screenshots, `contacts-fields-${vp}-${lang.code}`);

        // The teammate's mention, written in Thai by someone else, reads in this reader's language.
        await page.goto(`${base}/notifications`);
        await page.locator(".nf-item", { hasText: "Somsak Chaiyaporn" }).filter({ hasText: lang.mentioned }).waitFor();
        await assertFits(page, `${label} notifications`);
        await shot(page, screenshots, `contacts-notifications-${vp}-${lang.code}`);

        for (const [page_, path] of [
          ["hours", "/settings/automation"],
          ["messages", "/settings/automation/messages"],
        ]) {
          await page.goto(`${base}${path}`);
          await page.locator(".auto-switch, .auto-status").first().waitFor();
          await assertFits(page, `${label} automation ${page_}`);
          await shot(page, screenshots, `automation-${page_}-${vp}-${lang.code}`);
        }

        await page.goto(`${base}/settings/automation/keywords`);
        const stamp = `${lang.code}${vp}${Date.now().toString(36)}`;
        const form = await fillKeywordRule(page, stamp);
        await assertFits(page, `${label} keyword form with preview`);
        await shot(page, screenshots, `automation-keyword-form-${vp}-${lang.code}`);
        await form.locator('button[type="submit"]').click();
        await page.locator("#rule-list .auto-rule", { hasText: `hours${stamp}` }).waitFor({ timeout: 10_000 });
        await page.reload();
        await page.locator("#rule-list .auto-rule").first().waitFor();
        await assertFits(page, `${label} keyword rules`);
        await shot(page, screenshots, `automation-keywords-${vp}-${lang.code}`);

        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
