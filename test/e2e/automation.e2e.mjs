// Automation in the browser: an admin sets up a keyword rule in the settings
// (watching the LINE preview follow the form), a customer sends the keyword in
// full-width letters from the LINE simulator and gets the reply at once, and the
// inbox shows it as sent by automation. Screenshots of the automation pages at
// desktop and phone width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, holdRequests, launch, PHONE, signIn } from "./browser.mjs";

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, base);

    await admin.goto(`${base}/settings/automation/keywords`);
    await admin.click("#rule-create summary");
    const form = admin.locator("#rule-create form");
    const stamp = Date.now().toString(36);
    const answer = `We're open 9:00–18:00 on weekdays (${stamp}).`;
    const preview = form.locator(".auto-rule-form__preview");
    // A slow server while the admin keeps typing: the preview must end on the last edit.
    // Previews are held until the page has asked for one with the whole form (its quick
    // replies); the form each preview would carry is kept as the page asks for it.
    await preview.evaluate((el) => {
      window.previewForms = [];
      el.addEventListener("htmx:config:request", (e) => window.previewForms.push(e.detail.ctx.request.body.get("qr") ?? ""));
    });
    const slow = await holdRequests(admin, (url) => url.pathname.endsWith("/keywords/preview"));
    const asked = (n) => admin.waitForFunction((at) => window.previewForms.length >= at, n, { timeout: 10_000 });
    await form.locator('input[name="name"]').fill("Opening hours");
    await asked(1);
    await form.locator('textarea[name="keywords"]').fill(`hours${stamp}`);
    await asked(2);
    await form.locator('textarea[name="m0_text"]').fill(answer);
    await form.locator('select[name="m1_type"]').selectOption("sticker");
    await form.locator('input[name="m1_sticker"]').fill("446/1988");
    await form.locator('textarea[name="qr"]').fill("Book a table | I'd like to book a table");
    await admin.waitForFunction(() => window.previewForms.some((qr) => qr.includes("Book a table")), null, { timeout: 10_000 });
    slow.release();
    // The preview follows the form: the answer, the sticker and the quick-reply chip as LINE shows them.
    await preview.locator(".lp-bubble", { hasText: answer }).waitFor({ timeout: 10_000 });
    await preview.locator(".lp-sticker").waitFor();
    await preview.locator(".lp-chip", { hasText: "Book a table" }).waitFor();
    await slow.stop();
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: join(screenshots, "automation-keyword-form-desktop.png"), fullPage: true });
    await form.locator('button[type="submit"]').click();
    const row = admin.locator("#rule-list .auto-rule", { hasText: `hours${stamp}` });
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.textContent(), /Opening hours/);
    await admin.screenshot({ path: join(screenshots, "automation-keywords-desktop.png"), fullPage: true });

    // A validation error is explained next to the field, and nothing is saved.
    await admin.click("#rule-create summary");
    await admin.locator('#rule-create input[name="name"]').fill("Broken pattern");
    await admin.locator('#rule-create textarea[name="keywords"]').fill("(a+)\\1");
    await admin.locator('#rule-create select[name="matchMode"]').selectOption("regex");
    await admin.locator('#rule-create textarea[name="m0_text"]').fill("never sent");
    await admin.locator('#rule-create button[type="submit"]').click();
    await admin.locator("#rule-create .field__error", { hasText: "Back-references" }).waitFor({ timeout: 10_000 });

    // The customer sends the keyword in full-width letters and gets the answer at once.
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator`);
    const fullWidth = [...`HOURS${stamp.toUpperCase()}`].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
    await customer.fill('textarea[name="text"]', fullWidth);
    await customer.keyboard.press("Enter");
    await customer.locator(".entry.them", { hasText: answer }).waitFor({ timeout: 20_000 });
    await customer.locator("#quick-replies", { hasText: "Book a table" }).waitFor({ timeout: 10_000 });
    assert.match(await customer.locator(".entry.them", { hasText: answer }).textContent(), /reply/, "answered with the free reply token");
    await customer.screenshot({ path: join(screenshots, "automation-simulator-phone.png") });

    // The inbox thread shows the answer as sent by automation, with the rule's name.
    await admin.goto(`${base}/inbox`);
    await admin.locator(".conv-item", { hasText: answer }).locator("a").first().click();
    const bubble = admin.locator("#thread-messages .msg", { hasText: answer });
    await bubble.waitFor({ timeout: 10_000 });
    assert.match(await bubble.textContent(), /Automation · Keyword: Opening hours/);
    assert.match(await bubble.textContent(), /reply \(free\)/i);

    for (const [name, path] of [
      ["hours", "/settings/automation"],
      ["messages", "/settings/automation/messages"],
      ["keywords", "/settings/automation/keywords"],
    ]) {
      await admin.goto(`${base}${path}`);
      await admin.screenshot({ path: join(screenshots, `automation-${name}-desktop.png`), fullPage: true });
    }
    const phone = await (await browser.newContext({ viewport: PHONE, storageState: await adminContext.storageState() })).newPage();
    for (const [name, path] of [
      ["hours", "/settings/automation"],
      ["messages", "/settings/automation/messages"],
      ["keywords", "/settings/automation/keywords"],
    ]) {
      await phone.goto(`${base}${path}`);
      await phone.screenshot({ path: join(screenshots, `automation-${name}-phone.png`), fullPage: true });
    }
  } finally {
    await browser.close();
  }
}
