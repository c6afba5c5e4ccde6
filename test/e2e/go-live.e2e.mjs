// The production path in a browser, with SIMULATOR unset: a second linedesk starts
// in production mode (empty database, no demo) and uses the first instance's fake
// LINE as "LINE". The owner runs /setup, adds the channel the fake LINE Developers
// Console created, sets and tests its webhook on LINE; a customer writes and the
// message appears in the inbox; an API token made in Settings → API sends the reply,
// which reaches the customer's phone. Screenshots of /setup at laptop and phone width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE } from "./browser.mjs";
import { startInstance } from "./instance.mjs";
import { assertFits } from "./layout.mjs";

const SETUP_KEY = "e2e-setup-key-0123456789abcdef";
const OWNER = { name: "Sato Haruka", email: "haruka@sakura-shop.example", password: "plum blossom river lantern 42" };

export default async function run({ base: lineBase, screenshots }) {
  const prod = await startInstance(
    { LINEDESK_SIMULATOR: "off", LINE_API_BASE_URL: `${lineBase}/simulator/line`, SETUP_KEY },
    "production instance",
  );
  const browser = await launch();
  try {
    // The fake LINE Developers Console makes a channel (bot mode: the OA Manager chat is off).
    const provisioned = await fetch(`${lineBase}/simulator/control/channels`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Sakura Shop", chatMode: "bot" }),
    });
    assert.equal(provisioned.status, 201);
    const fake = await provisioned.json();

    // Every page leads to /setup on an empty database; the phone layout fits.
    const phoneContext = await browser.newContext({ viewport: PHONE });
    const phone = await phoneContext.newPage();
    await phone.goto(`${prod.base}/inbox`);
    assert.equal(new URL(phone.url()).pathname, "/setup");
    await assertFits(phone, "setup (phone)");
    await phone.screenshot({ path: join(screenshots, "setup-phone.png"), fullPage: true });

    const context = await browser.newContext({ viewport: DESKTOP });
    const owner = await context.newPage();
    await owner.goto(`${prod.base}/`);
    assert.equal(new URL(owner.url()).pathname, "/setup");
    await owner.fill('input[name="workspaceName"]', "Sakura Shop");
    await owner.selectOption('select[name="timeZone"]', "Asia/Tokyo");
    await owner.selectOption('select[name="language"]', "ja");
    await owner.fill('input[name="name"]', OWNER.name);
    await owner.fill('input[name="email"]', OWNER.email);
    await owner.fill('input[name="password"]', "aaaaaaaaaa");
    await owner.fill('input[name="confirm"]', "aaaaaaaaaa");
    await owner.fill('input[name="setupKey"]', SETUP_KEY);
    await owner.click('button[type="submit"]');
    await owner.locator("#setup-password-error", { hasText: "too easy to guess" }).waitFor();
    await assertFits(owner, "setup with an error (laptop)");
    await owner.screenshot({ path: join(screenshots, "setup-desktop.png"), fullPage: true });
    await owner.fill('input[name="password"]', OWNER.password);
    await owner.fill('input[name="confirm"]', OWNER.password);
    await owner.fill('input[name="setupKey"]', SETUP_KEY);
    await Promise.all([owner.waitForURL(`${prod.base}/settings/channels`), owner.click('button[type="submit"]')]);
    // Setup is closed for good now.
    assert.equal((await fetch(`${prod.base}/setup`)).status, 404);

    // Settings → Channels: add the channel; linedesk checks it with LINE.
    await owner.goto(`${prod.base}/settings/channels/new`);
    await owner.fill('input[name="name"]', "Japan");
    await owner.fill('input[name="lineChannelId"]', fake.channelId);
    await owner.fill('input[name="channelSecret"]', fake.channelSecret);
    await owner.fill('input[name="accessToken"]', fake.accessToken);
    await Promise.all([owner.waitForURL(/\/settings\/channels\/ch_[0-9a-z]{20}$/, { timeout: 15_000 }), owner.click('#channel-form button[type="submit"]')]);
    await owner.locator(".account__name", { hasText: "Sakura Shop" }).waitFor();
    await owner.click("text=Set this URL on LINE");
    await owner.locator("#channel-webhook-status", { hasText: "LINE now sends this channel's webhooks to linedesk" }).waitFor({ timeout: 15_000 });
    await owner.click("text=Send a test from LINE");
    await owner.locator(".webhook-test--ok", { hasText: "200" }).waitFor({ timeout: 15_000 });

    // A customer writes on LINE (the fake LINE's phone): the message arrives live in the inbox.
    await owner.goto(`${prod.base}/inbox`);
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${lineBase}/simulator?channel=${fake.channelId}`);
    const question = "注文した傘はいつ届きますか？";
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");
    await customer.locator(".entry.me", { hasText: question }).waitFor({ timeout: 15_000 });
    const row = owner.locator(".conv-item", { hasText: question }).first();
    await row.waitFor({ timeout: 20_000 });

    // Settings → API: a read+write token, shown once.
    await owner.goto(`${prod.base}/settings/api`);
    await owner.fill('input[name="name"]', "Order system");
    await owner.check('input[name="scope"][value="read_write"]');
    await owner.click('button[type="submit"]:has-text("Create")');
    const tokenBox = owner.locator('input[value^="ld_"]');
    await tokenBox.waitFor({ timeout: 15_000 });
    const token = await tokenBox.inputValue();

    // The integration answers through the REST API; the customer's phone shows it.
    const api = (path, init = {}) => fetch(`${prod.base}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
    const list = await (await api("/conversations")).json();
    assert.equal(list.data.length, 1);
    const answer = "明日お届けします。ご利用ありがとうございます。";
    const sent = await api(`/conversations/${list.data[0].id}/messages`, { method: "POST", body: JSON.stringify({ text: answer }) });
    assert.equal(sent.status, 201);
    await customer.locator(".entry", { hasText: answer }).waitFor({ timeout: 20_000 });
  } catch (error) {
    console.error("--- production instance log (tail) ---\n" + prod.log().split("\n").slice(-30).join("\n"));
    throw error;
  } finally {
    await browser.close();
    prod.stop();
  }
}
