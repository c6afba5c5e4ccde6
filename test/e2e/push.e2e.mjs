// Installable linedesk and Web Push, end to end without the internet:
//  (a) a local HTTP server plays the browser's push service. Chromium's real
//      PushManager needs Google's push service, so the page's PushManager is
//      replaced by one that hands out a subscription for that local server, with
//      keys made here the way a browser makes them (ECDH P-256 + a 16-byte auth
//      secret). The agent presses "Enable on this device" (profile.js posts the
//      subscription with the CSRF token), "Send a test notification", and a
//      customer writes from the simulator: the Worker's encrypted POSTs reach the
//      local server, which checks the VAPID JWT and decrypts them (RFC 8291).
//  (b) the real service worker gets a decrypted payload as a push event (CDP
//      ServiceWorker.deliverPushMessage), shows the notification, and its click
//      opens the conversation in the open window.
//  (c) offline: a navigation shows the cached offline page.
// Screenshots of Settings → Profile (en, ja; laptop and phone) and the offline page.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { join } from "node:path";
import { decryptPush, browserKeys, unb64url } from "../push/browser-side.ts";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";
import { assertFits } from "./layout.mjs";

/** The push service: records each POST and answers 201 Created. */
async function startPushService() {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      got.push({ path: req.url, headers: req.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      res.writeHead(201).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { got, origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function until(check, what, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Checks the VAPID Authorization header as a push service would: ES256 over the JWT with key k, aud = our origin. */
async function verifyVapid(header, audience, expectedKey) {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? "");
  assert.ok(match, `a VAPID Authorization header, got ${header}`);
  const [, head, claims, signature, k] = match;
  assert.equal(k, expectedKey, "k is the public key the page subscribed with");
  const key = await crypto.subtle.importKey("raw", unb64url(k), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  const valid = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, unb64url(signature), new TextEncoder().encode(`${head}.${claims}`));
  assert.ok(valid, "the JWT's ES256 signature verifies with k");
  const payload = JSON.parse(new TextDecoder().decode(unb64url(claims)));
  assert.equal(payload.aud, audience);
  assert.ok(payload.exp * 1000 > Date.now() && payload.exp * 1000 <= Date.now() + 24 * 3600_000, "exp within 24 hours");
  assert.match(payload.sub, /^(mailto:|https:)/);
}

/** Replaces PushManager (before any page script) with one that subscribes to the local push service. */
function fakePushManager(subscription) {
  const KEY = "ld-e2e-subscribed";
  const make = () => ({
    endpoint: subscription.endpoint,
    expirationTime: null,
    toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
    unsubscribe: async () => {
      localStorage.removeItem(KEY);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options) {
    const bytes = new Uint8Array(options.applicationServerKey);
    window.__ldApplicationServerKey = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    window.__ldUserVisibleOnly = options.userVisibleOnly;
    localStorage.setItem(KEY, "1");
    return make();
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem(KEY) ? make() : null;
  };
}

async function shoot(page, path, label) {
  await assertFits(page, label);
  await page.screenshot({ path, fullPage: true });
}

export default async function run({ base, screenshots }) {
  const pushService = await startPushService();
  const keys = await browserKeys();
  const subscription = { endpoint: `${pushService.origin}/push/${crypto.randomUUID()}`, keys: { p256dh: keys.p256dh, auth: keys.auth } };
  const browser = await launch();
  try {
    // Installable: the manifest, its icons, and a CSP that lets the worker and manifest load.
    const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
    assert.equal(manifest.start_url, "/inbox");
    assert.equal(manifest.display, "standalone");
    for (const icon of manifest.icons) {
      const res = await fetch(`${base}${icon.src}`);
      assert.equal(res.status, 200, icon.src);
    }
    assert.ok(manifest.icons.some((i) => i.purpose === "maskable" && i.sizes === "512x512"));

    const context = await browser.newContext({ viewport: DESKTOP, locale: "en-US" });
    await context.grantPermissions(["notifications"], { origin: base });
    await context.addInitScript(fakePushManager, subscription);
    const page = await context.newPage();
    await signIn(page, base);
    const inboxHtml = await (await page.request.get(`${base}/inbox`)).text();
    assert.match(inboxHtml, /<link rel="manifest" href="\/manifest.webmanifest"/);
    const csp = (await page.request.get(`${base}/inbox`)).headers()["content-security-policy"];
    assert.match(csp, /worker-src 'self'/);
    assert.match(csp, /manifest-src 'self'/);

    // (a) Enable on this device: the subscription reaches the server with the page's VAPID key.
    await page.goto(`${base}/settings/profile`);
    const status = page.locator("#push-device-status");
    await status.filter({ hasText: "Notifications are off on this device." }).waitFor({ timeout: 15_000 });
    const vapidKey = await page.locator("#push-device").getAttribute("data-vapid-key");
    // Devices left by an earlier run against the same instance go first (Remove, with htmx).
    while ((await page.locator(".device-row").count()) > 0) {
      const before = await page.locator(".device-row").count();
      await page.locator(".device-row__remove button").first().click();
      await until(async () => (await page.locator(".device-row").count()) < before, "a device removed");
    }
    await page.click("#push-enable");
    await page.locator("#push-notice", { hasText: "This device now gets notifications." }).waitFor({ timeout: 15_000 });
    await status.filter({ hasText: "This device gets notifications." }).waitFor();
    assert.equal(await page.evaluate(() => window.__ldApplicationServerKey), vapidKey);
    assert.equal(await page.evaluate(() => window.__ldUserVisibleOnly), true);
    const thisDevice = page.locator(".device-row", { has: page.locator(".device-row__this:not([hidden])") });
    await thisDevice.waitFor();
    assert.match(await thisDevice.textContent(), /Chrome on Linux/);

    // The test button: an encrypted push the local push service can read.
    await page.click(".push-test button");
    await page.locator("#push-notice", { hasText: "Sent to 1 device." }).waitFor({ timeout: 15_000 });
    const testPush = await until(() => pushService.got.find((p) => p.path === new URL(subscription.endpoint).pathname), "the test push");
    assert.equal(testPush.headers["content-encoding"], "aes128gcm");
    await verifyVapid(testPush.headers.authorization, pushService.origin, vapidKey);
    const test = JSON.parse((await decryptPush(testPush.body, { ...keys })).plaintext);
    assert.deepEqual(test, { title: "linedesk", body: "Notifications work on this device.", url: "/settings/profile", tag: "linedesk-test", category: "test" });
    await page.locator(".device-row__meta", { hasText: "last notification" }).first().waitFor();

    // A customer writes (Unassigned): the push names them and opens their conversation.
    // A brand-new customer: other browser tests may have assigned the simulator's default chat.
    const created = await (await fetch(`${base}/simulator/users`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ displayName: `Push ${Date.now().toString(36)}`, language: "en" }) })).json();
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator?chat=${created.chatId}`);
    const question = `Do you ship to Chiang Mai? ${Date.now()}`;
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");
    const messagePush = await until(async () => {
      for (const p of pushService.got) {
        const payload = JSON.parse((await decryptPush(p.body, keys)).plaintext);
        if (payload.body === question) return { push: p, payload };
      }
      return null;
    }, "the customer message's push");
    assert.equal(messagePush.payload.category, "unassigned");
    assert.match(messagePush.payload.title, / · Unassigned$/);
    assert.match(messagePush.payload.url, /^\/inbox\/c\/[0-9a-f]{64}$/);
    assert.ok(Number(messagePush.push.headers.ttl) > 0);

    // (b) The service worker shows it, and a click opens the conversation in the open window.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    const cdp = await context.newCDPSession(page);
    const registrationId = await new Promise((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const mine = registrations.find((r) => r.scopeURL === `${base}/` && !r.isDeleted);
        if (mine) resolve(mine.registrationId);
      });
      cdp.send("ServiceWorker.enable");
    });
    await page.goto(`${base}/inbox`);
    // Chromium drops a notification from getNotifications() for good when asked while it
    // is still being displayed (its icons loading), so the walk first waits for the
    // worker's own showNotification() to settle, then asks once what is displayed.
    await worker.evaluate(() => {
      const registration = self.registration;
      const show = registration.showNotification.bind(registration);
      self.__ldShown = [];
      registration.showNotification = (title, options) =>
        show(title, options).then(
          () => void self.__ldShown.push({ title, body: options.body }),
          (error) => void self.__ldShown.push({ title, error: String(error) }),
        );
    });
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: base, registrationId, data: JSON.stringify(messagePush.payload) });
    const settled = await until(() => worker.evaluate(() => self.__ldShown[0]), "the worker to show the push");
    assert.deepEqual(settled, { title: messagePush.payload.title, body: question });
    const shown = (await worker.evaluate(async () => (await self.registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url })))).find(
      (n) => n.body === question,
    );
    assert.deepEqual(shown, { title: messagePush.payload.title, body: question, tag: messagePush.payload.tag, url: messagePush.payload.url });
    await worker.evaluate(async (tag) => {
      const [notification] = await self.registration.getNotifications({ tag });
      self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
    }, shown.tag);
    await page.waitForURL(`${base}${messagePush.payload.url}`, { timeout: 15_000 });
    await page.locator("#thread-messages", { hasText: question }).waitFor({ timeout: 15_000 });

    // (c) Offline: a page that cannot load shows the offline page from the worker's cache.
    const phone = await context.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(`${base}/settings/profile`);
    await context.setOffline(true);
    await phone.goto(`${base}/inbox`).catch(() => undefined);
    await phone.locator(".offline-card__title", { hasText: "You're offline" }).waitFor({ timeout: 15_000 });
    await shoot(phone, join(screenshots, "offline-phone.png"), "offline page at 390 px");
    // Back online: the page reloads itself on the browser's "online" event; should that
    // race the worker's own network coming back, "Try again" does it.
    await context.setOffline(false);
    await until(async () => {
      if (await phone.locator("#main").count()) return true;
      await phone.locator("#offline-retry").click({ timeout: 2_000 }).catch(() => undefined);
      return false;
    }, "the inbox after coming back online");
    assert.equal(phone.url(), `${base}/inbox`);

    // Screenshots of Settings → Profile, English, laptop and phone.
    await page.goto(`${base}/settings/profile`);
    await thisDevice.waitFor();
    await shoot(page, join(screenshots, "profile-en-desktop.png"), "profile (en) at 1280 px");
    await phone.goto(`${base}/settings/profile`);
    await phone.locator(".device-row__this:not([hidden])").waitFor();
    await shoot(phone, join(screenshots, "profile-en-phone.png"), "profile (en) at 390 px");

    // Japanese from the browser (Automatic), laptop and phone.
    const ja = await browser.newContext({ viewport: DESKTOP, locale: "ja-JP", storageState: await context.storageState() });
    await ja.grantPermissions(["notifications"], { origin: base });
    await ja.addInitScript(fakePushManager, subscription);
    const jaPage = await ja.newPage();
    await jaPage.goto(`${base}/settings/profile`);
    await jaPage.locator("option", { hasText: "自動（ブラウザー: 日本語）" }).waitFor({ state: "attached" });
    await jaPage.locator("#push-device-status", { hasText: "このデバイスで通知を受け取ります。" }).waitFor({ timeout: 15_000 });
    await shoot(jaPage, join(screenshots, "profile-ja-desktop.png"), "profile (ja) at 1280 px");
    await jaPage.setViewportSize(PHONE);
    await shoot(jaPage, join(screenshots, "profile-ja-phone.png"), "profile (ja) at 390 px");

    // Turn off on this device: the browser unsubscribes and the row goes.
    await page.click("#push-disable");
    await page.locator("#push-notice", { hasText: "Removed" }).waitFor({ timeout: 15_000 });
    await status.filter({ hasText: "Notifications are off on this device." }).waitFor();
    assert.equal(await page.locator(".device-row").count(), 0);
  } finally {
    await browser.close();
    pushService.close();
  }
}
