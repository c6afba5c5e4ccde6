// Outbound webhooks in the browser: an admin mistypes a URL (the form says why),
// subscribes a local receiver (http://127.0.0.1 is allowed while the simulator
// is on), copies the secret shown once, a customer writes from the simulator
// and the receiver gets signed events; a failed delivery is redelivered from
// the log; an endpoint that answers 410 is switched off with a banner and a
// notification. Screenshots of the list, the form with an error and a
// delivery log at desktop and phone width.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

/** A receiver on a free local port: /crm fails its first request, /analytics is down (503), /old is gone (410). */
async function startReceiver() {
  const got = [];
  let crmCalls = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      got.push({ path: req.url, headers: req.headers, body });
      if (req.url === "/old") return res.writeHead(410).end("This hook was removed");
      if (req.url === "/analytics") return res.writeHead(503, { "content-type": "text/html" }).end("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
      if (req.url === "/crm" && ++crmCalls === 1) return res.writeHead(500, { "content-type": "text/plain" }).end("Database is waking up, try again");
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { got, url: (path) => `http://127.0.0.1:${server.address().port}${path}`, close: () => server.close() };
}

async function until(check, what, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function createWebhook(page, base, { url, description, events }) {
  await page.goto(`${base}/settings/webhooks/new`);
  await page.fill("#webhook-url", url);
  await page.fill("#webhook-description", description);
  for (const box of await page.locator('input[name="events"]').all()) await box.setChecked(events.includes(await box.getAttribute("value")));
  await page.click('#webhook-form button[type="submit"]');
  const secret = page.locator("#webhook-secret");
  await secret.waitFor({ timeout: 10_000 });
  return secret.inputValue();
}

export default async function run({ base, screenshots }) {
  const receiver = await startReceiver();
  const browser = await launch();
  try {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, base);

    // A mistyped URL: the form comes back with the reason, nothing is saved.
    await admin.goto(`${base}/settings/webhooks/new`);
    await admin.fill("#webhook-url", "http://crm.example.com/hooks/linedesk");
    await admin.fill("#webhook-description", "CRM sync");
    await admin.click('#webhook-form button[type="submit"]');
    await admin.locator("#webhook-url-error").waitFor({ timeout: 10_000 });
    assert.match(await admin.locator("#webhook-url-error").textContent(), /https:\/\//);
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: join(screenshots, "webhooks-form-error-desktop.png"), fullPage: true });
    const phone = await (await browser.newContext({ viewport: PHONE, storageState: await adminContext.storageState() })).newPage();
    await phone.goto(`${base}/settings/webhooks/new`);
    await phone.fill("#webhook-url", "https://10.0.0.12/hooks");
    await phone.click('#webhook-form button[type="submit"]');
    await phone.locator("#webhook-url-error").waitFor({ timeout: 10_000 });
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: join(screenshots, "webhooks-form-error-phone.png"), fullPage: true });

    const crmEvents = ["message.received", "message.sent", "conversation.opened", "conversation.assigned", "conversation.resolved", "contact.followed"];
    const secret = await createWebhook(admin, base, { url: receiver.url("/crm"), description: "CRM sync", events: crmEvents });
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    await createWebhook(admin, base, { url: receiver.url("/analytics"), description: "Analytics warehouse", events: ["message.received", "conversation.resolved"] });
    await createWebhook(admin, base, { url: receiver.url("/old"), description: "Old Zapier hook", events: ["message.received"] });

    // A customer writes from the LINE simulator; the CRM endpoint receives signed events.
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator`);
    const question = `Can I change my delivery address? ${Date.now()}`;
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");
    const received = () => receiver.got.filter((r) => r.path === "/crm" && r.body.includes(question));
    await until(() => received().length >= 1, "the message.received delivery");
    const first = received()[0];
    const mac = createHmac("sha256", secret).update(`${first.headers["x-linedesk-timestamp"]}.${first.body}`).digest("hex");
    assert.equal(first.headers["x-linedesk-signature"], `sha256=${mac}`);
    assert.equal(JSON.parse(first.body).type, "message.received");

    // The old hook answers 410 Gone: switched off at once, with a notification.
    await until(() => receiver.got.some((r) => r.path === "/old") && receiver.got.some((r) => r.path === "/analytics"), "the deliveries to the old hook and analytics");

    // The CRM's first delivery failed (500); redeliver it from the log.
    await admin.goto(`${base}/settings/webhooks`);
    // Other tests in this instance may have endpoints with similar names: match this one exactly.
    await admin.locator(".wh-row__name", { hasText: /^CRM sync$/ }).first().click();
    const failedRow = admin.locator(".wh-delivery--retrying").first();
    await failedRow.waitFor({ timeout: 10_000 });
    await failedRow.locator("button", { hasText: "Redeliver" }).click();
    await admin.locator(".wh-delivery", { hasText: "Redelivery" }).waitFor({ timeout: 10_000 });
    await admin.reload();
    assert.doesNotMatch(await admin.locator(".wh-endpoint__meta").textContent(), /waiting to retry/, "a redelivered event is not retried again");
    await admin.click("button:has-text('Send test event')");
    await admin.locator(".wh-result--delivered").waitFor({ timeout: 10_000 });
    await admin.reload();
    await admin.screenshot({ path: join(screenshots, "webhooks-log-desktop.png"), fullPage: true });
    await phone.goto(admin.url());
    await phone.screenshot({ path: join(screenshots, "webhooks-log-phone.png"), fullPage: true });

    await admin.goto(`${base}/settings/webhooks`);
    await admin.locator(".wh-banner", { hasText: "410 Gone" }).waitFor({ timeout: 10_000 });
    await admin.screenshot({ path: join(screenshots, "webhooks-list-desktop.png"), fullPage: true });
    await phone.goto(`${base}/settings/webhooks`);
    await phone.screenshot({ path: join(screenshots, "webhooks-list-phone.png"), fullPage: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, "nothing overflows horizontally at 390 px");
  } finally {
    await browser.close();
    receiver.close();
  }
}
