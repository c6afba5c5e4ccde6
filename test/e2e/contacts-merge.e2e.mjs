// Contacts in the browser: one person writes on two LINE accounts (two channels),
// so they are two contacts; both get the same email in a custom field, the merge
// suggestion lists them, an admin reviews the preview and merges, and the one
// contact left shows both conversations. Then the directory, a contact, the merge
// preview, suggestions, import and account-linking pages at 1280 and 390 px in
// English and Japanese must fit; screenshots go to docs/screenshots/contacts-*.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

const json = { "content-type": "application/json", accept: "application/json" };

async function customerWrites(base, channelId, displayName, text) {
  const q = channelId ? `?channel=${channelId}` : "";
  const created = await (await fetch(`${base}/simulator/users${q}`, { method: "POST", headers: json, body: JSON.stringify({ displayName, language: "ja" }) })).json();
  assert.equal(created.ok, true, JSON.stringify(created));
  const sent = await (await fetch(`${base}/simulator/chats/${created.chatId}/send${q}`, { method: "POST", headers: json, body: JSON.stringify({ kind: "text", text }) })).json();
  assert.equal(sent.ok, true, JSON.stringify(sent));
  return created.chatId;
}

export default async function run({ base, screenshots }) {
  const stamp = Date.now().toString(36).slice(-5);
  const provisioned = await fetch(`${base}/simulator/control/channels`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Shop TW ${stamp}`, chatMode: "chat" }) });
  assert.equal(provisioned.status, 201);
  const fake = await provisioned.json();
  const browser = await launch();
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP, locale: "en-US" });
    const admin = await adminContext.newPage();
    await signIn(admin, base);

    // The second LINE account, added the way an admin does.
    await admin.goto(`${base}/settings/channels/new`);
    await admin.fill('input[name="name"]', `Taiwan ${stamp}`);
    await admin.fill('input[name="lineChannelId"]', fake.channelId);
    await admin.fill('input[name="channelSecret"]', fake.channelSecret);
    await admin.fill('input[name="accessToken"]', fake.accessToken);
    await Promise.all([admin.waitForURL(/\/settings\/channels\/ch_[0-9a-z]{20}$/, { timeout: 15_000 }), admin.click('#channel-form button[type="submit"]')]);

    // An email field (its key says "email": suggestions compare it).
    const fieldLabel = `Email ${stamp}`;
    await admin.goto(`${base}/contacts/fields`);
    const form = admin.locator(".cf-form--create");
    await form.locator('input[name="label"]').fill(fieldLabel);
    await form.locator('input[name="key"]').fill(`email_${stamp}`);
    await form.locator('button[type="submit"]').click();
    await admin.locator(".cf-row", { hasText: fieldLabel }).waitFor({ timeout: 10_000 });

    // The same person writes on both accounts.
    const name = `陳 美玲 ${stamp}`;
    await customerWrites(base, null, name, `第一個帳號的訊息 ${stamp}`);
    await customerWrites(base, fake.channelId, name, `第二個帳號的訊息 ${stamp}`);
    const rows = admin.locator(".cd-row", { hasText: name });
    for (let i = 0; i < 20; i++) {
      await admin.goto(`${base}/contacts?q=${encodeURIComponent(stamp)}`);
      if ((await rows.count()) === 2) break;
      await admin.waitForTimeout(500);
    }
    assert.equal(await rows.count(), 2, "two contacts before the merge");
    await assertFits(admin, "/contacts (desktop, en)");
    await admin.screenshot({ path: join(screenshots, "contacts-directory-desktop-en.png") });
    const ids = await rows.locator(".cd-row__name").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    const email = `mei.chen.${stamp}@example.com`;
    for (const href of ids) {
      await admin.goto(`${base}${href}`);
      await admin.getByLabel(fieldLabel, { exact: true }).fill(email);
      await admin.keyboard.press("Tab");
      await admin.locator(".cp-field", { hasText: fieldLabel }).locator(".cp-field__saved, [data-saved]").first().waitFor({ timeout: 5_000 }).catch(() => admin.waitForTimeout(800));
    }

    // The suggestion, reviewed, then merged.
    await admin.goto(`${base}/contacts/suggestions`);
    const suggestion = admin.locator(".cd-suggestion", { hasText: email });
    await suggestion.waitFor({ timeout: 10_000 });
    await assertFits(admin, "/contacts/suggestions (desktop, en)");
    await admin.screenshot({ path: join(screenshots, "contacts-suggestions-desktop-en.png") });
    await suggestion.locator("text=Review merge").click();
    await admin.locator(".cd-merge__card").nth(1).waitFor();
    await assertFits(admin, "/contacts/merge (desktop, en)");
    await admin.screenshot({ path: join(screenshots, "contacts-merge-desktop-en.png"), fullPage: true });
    const mergeUrl = admin.url();
    await Promise.all([admin.waitForURL(/\/contacts\/ct_[0-9a-z]+\?notice=merged/, { timeout: 15_000 }), admin.click(".cd-merge__confirm button[type=submit]")]);

    // One contact, one history: both accounts and both conversations.
    await admin.locator(".cd-identity").nth(1).waitFor();
    assert.equal(await admin.locator(".cd-identity").count(), 2);
    await admin.locator(".cp-history-item", { hasText: `第一個帳號的訊息 ${stamp}` }).waitFor();
    await admin.locator(".cp-history-item", { hasText: `第二個帳號的訊息 ${stamp}` }).waitFor();
    await admin.locator(".cd-activity", { hasText: "merged" }).waitFor();
    await admin.screenshot({ path: join(screenshots, "contacts-contact-desktop-en.png"), fullPage: true });
    const contactUrl = admin.url().replace(/\?.*$/, "");
    await admin.goto(`${base}/contacts?q=${encodeURIComponent(stamp)}`);
    assert.equal(await rows.count(), 1, "one contact after the merge");

    // Every contacts page fits a phone and a laptop, in English and Japanese.
    const state = await adminContext.storageState();
    const pages = [
      ["directory", `/contacts`],
      ["contact", contactUrl.replace(base, "")],
      ["suggestions", "/contacts/suggestions"],
      ["import", "/contacts/import"],
      ["linking", "/contacts/account-linking"],
    ];
    for (const lang of ["en", "ja"]) {
      for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
        const context = await browser.newContext({ viewport, locale: lang, extraHTTPHeaders: { "accept-language": lang }, storageState: state });
        const page = await context.newPage();
        for (const [shot, path] of pages) {
          await page.goto(`${base}${path}`);
          await assertFits(page, `${path} (${label}, ${lang})`);
          if (label === "phone" || lang === "ja") await page.screenshot({ path: join(screenshots, `contacts-${shot}-${label}-${lang}.png`), fullPage: shot !== "directory" });
        }
        void mergeUrl;
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}
