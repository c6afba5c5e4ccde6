// Settings → API in a browser: a form error, creating a token (shown once),
// calling the REST API with it, and revoking it (confirmed) so it answers 401.
// Saves docs/screenshots/api-tokens-*.png at laptop and phone width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

/** Waits until CSS animations (the one-time box slides in) have finished, for a clean screenshot. */
function settle(page) {
  return page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, base);
    await page.goto(`${base}/settings/api`);

    // A token without a name: the form comes back with the problem.
    await page.click("#api-token-create button[type=submit]");
    await page.locator("#api-token-name-error").waitFor();
    await page.screenshot({ path: join(screenshots, "api-tokens-error-desktop.png") });

    // A read and write token for an integration: shown once.
    await page.fill("#api-token-name", "Zendesk sync");
    await page.check('input[name="scope"][value="read_write"]');
    await page.selectOption("#api-token-expires", "90d");
    await page.click("#api-token-create button[type=submit]");
    const box = page.locator("#one-time-token");
    await box.waitFor();
    const token = await box.inputValue();
    assert.match(token, /^ld_[A-Za-z0-9_-]{43}$/);
    await page.locator(".api-token__name", { hasText: "Zendesk sync" }).first().waitFor();
    await settle(page);
    await page.screenshot({ path: join(screenshots, "api-tokens-created-desktop.png") });

    // The token works against the API.
    const list = await fetch(`${base}/api/v1/conversations?limit=5`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    const reader = await fetch(`${base}/api/v1/openapi.json`);
    assert.equal(reader.status, 200);

    // A second, read-only token, so the list shows both scopes; then the list page on its own.
    await page.fill("#api-token-name", "Reporting dashboard");
    await page.click("#api-token-create button[type=submit]");
    await page.locator(".api-token__name", { hasText: "Reporting dashboard" }).first().waitFor();
    await page.goto(`${base}/settings/api`);
    assert.equal(await page.locator("#one-time-token").count(), 0, "the token is shown only once");
    assert.equal((await page.content()).includes(token), false);
    await page.screenshot({ path: join(screenshots, "api-tokens-list-desktop.png"), fullPage: true });

    // Revoke (the browser asks first): the token answers 401 at once.
    page.once("dialog", (dialog) => dialog.accept());
    const row = page.locator(".api-token", { hasText: "Zendesk sync" }).first();
    await row.locator("button", { hasText: "Revoke" }).click();
    await row.locator(".tag--inactive", { hasText: "Revoked" }).waitFor();
    const revoked = await fetch(`${base}/api/v1/conversations`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);

    // Phone: the list, a new token's box and an error, nothing wider than the screen.
    const phone = await (await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })).newPage();
    await signIn(phone, base);
    await phone.goto(`${base}/settings/api`);
    await phone.screenshot({ path: join(screenshots, "api-tokens-list-phone.png"), fullPage: true });
    await phone.fill("#api-token-name", "Shopify orders");
    await phone.click("#api-token-create button[type=submit]");
    await phone.locator("#one-time-token").waitFor();
    await phone.evaluate(() => window.scrollTo(0, 0));
    await settle(phone);
    await phone.screenshot({ path: join(screenshots, "api-tokens-created-phone.png") });
    await phone.fill("#api-token-name", "x".repeat(0));
    await phone.click("#api-token-create button[type=submit]");
    await phone.locator("#api-token-name-error").waitFor();
    await phone.locator("#api-token-create").scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(screenshots, "api-tokens-error-phone.png") });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  } finally {
    await browser.close();
  }
}
