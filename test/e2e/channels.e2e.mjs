// LINE channels in Settings, in the browser: a fake channel is provisioned in the
// simulator's LINE Developers Console, an admin adds it (a wrong token is refused
// with LINE's reason first), sets and tests its webhook URL on LINE, and a customer
// who picks that account on the simulator phone reaches the inbox. Screenshots of
// the channel list, a channel page and the add form with an error, laptop and phone.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

export default async function run({ base, screenshots }) {
  const stamp = Date.now().toString(36).slice(-5);
  const provisioned = await fetch(`${base}/simulator/control/channels`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: `Shop TH ${stamp}`, chatMode: "chat" }),
  });
  assert.equal(provisioned.status, 201);
  const fake = await provisioned.json();

  const browser = await launch();
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, base);

    // A token LINE does not know is refused with LINE's reason; the secret fields stay empty.
    await admin.goto(`${base}/settings/channels/new`);
    await admin.fill('input[name="name"]', `Thailand ${stamp}`);
    await admin.fill('input[name="lineChannelId"]', fake.channelId);
    await admin.fill('input[name="channelSecret"]', fake.channelSecret);
    await admin.fill('input[name="accessToken"]', `${fake.accessToken}-wrong`);
    await admin.click('#channel-form button[type="submit"]');
    await admin.locator("#channel-token-error", { hasText: "LINE refused this access token" }).waitFor({ timeout: 15_000 });
    assert.equal(await admin.inputValue('input[name="channelSecret"]'), "", "a refused form never echoes the secret");
    await admin.screenshot({ path: join(screenshots, "channels-add-error-desktop.png"), fullPage: true });
    const phoneContext = await browser.newContext({ viewport: PHONE, storageState: await adminContext.storageState() });
    const phone = await phoneContext.newPage();
    await phone.goto(`${base}/settings/channels/new`);
    await phone.fill('input[name="name"]', `Thailand ${stamp}`);
    await phone.fill('input[name="lineChannelId"]', fake.channelId);
    await phone.fill('input[name="channelSecret"]', fake.channelSecret);
    await phone.fill('input[name="accessToken"]', "not-a-real-token-0123456789");
    await phone.click('#channel-form button[type="submit"]');
    await phone.locator("#channel-token-error").waitFor({ timeout: 15_000 });
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: join(screenshots, "channels-add-error-phone.png"), fullPage: true });

    // The right token: saved, and the channel page shows LINE's account.
    await admin.fill('input[name="channelSecret"]', fake.channelSecret);
    await admin.fill('input[name="accessToken"]', fake.accessToken);
    await Promise.all([admin.waitForURL(/\/settings\/channels\/ch_[0-9a-z]{20}$/, { timeout: 15_000 }), admin.click('#channel-form button[type="submit"]')]);
    const channelUrl = admin.url();
    await admin.locator(".account__name", { hasText: fake.name }).waitFor();
    assert.match(await admin.locator(".account__ids").textContent(), new RegExp(fake.basicId));
    await admin.locator("svg.qr").waitFor();
    const html = await admin.content();
    assert.ok(!html.includes(fake.channelSecret) && !html.includes(fake.accessToken), "secrets never reach the page");

    // Set the webhook URL on (fake) LINE, then let LINE test it.
    await admin.locator(".webhook-current", { hasText: "On LINE now" }).waitFor({ timeout: 15_000 });
    await admin.click("text=Set this URL on LINE");
    await admin.locator("#channel-webhook-status", { hasText: "LINE now sends this channel's webhooks to linedesk" }).waitFor({ timeout: 15_000 });
    await admin.click("text=Send a test from LINE");
    await admin.locator(".webhook-test--ok", { hasText: "200" }).waitFor({ timeout: 15_000 });
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: join(screenshots, "channels-page-desktop.png"), fullPage: true });
    await phone.goto(channelUrl);
    await phone.locator("svg.qr").waitFor();
    await phone.locator(".webhook-current", { hasText: "On LINE now" }).waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(screenshots, "channels-page-phone.png"), fullPage: true });

    // A customer picks the new account on the simulator phone and writes; the inbox gets it.
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator?channel=${fake.channelId}`);
    const text = `Sawasdee from ${stamp}`;
    await customer.fill('textarea[name="text"]', text);
    await customer.keyboard.press("Enter");
    await customer.locator(".entry.me", { hasText: text }).waitFor({ timeout: 15_000 });
    await admin.goto(`${base}/inbox`);
    await admin.locator(".conv-item", { hasText: text }).first().waitFor({ timeout: 20_000 });

    await admin.goto(`${base}/settings/channels`);
    await admin.locator(".channel-row", { hasText: `Thailand ${stamp}` }).waitFor();
    await admin.screenshot({ path: join(screenshots, "channels-list-desktop.png"), fullPage: true });
    await phone.goto(`${base}/settings/channels`);
    await phone.screenshot({ path: join(screenshots, "channels-list-phone.png"), fullPage: true });
    for (const page of [admin, phone]) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`);
    }
  } finally {
    await browser.close();
  }
}
