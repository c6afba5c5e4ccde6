// The team inbox walk: an admin creates a canned reply, a customer writes, the
// agent triages (assign to me, priority, pin), adds a private note, answers with
// the canned reply (variables filled), a sticker and an image, and resolves.
// The customer sees the three answers in the simulator; the note never leaves.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

// A real PNG from the repository (the composer's video poster) to upload as a photo.
const PNG = readFileSync(new URL("../../public/composer-poster.png", import.meta.url));

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    const inbox = await context.newPage();
    await signIn(inbox, base);

    // A shared canned reply with variables.
    await inbox.goto(`${base}/settings/canned-replies`);
    await inbox.fill('input[name="shortcut"]', "thanks");
    await inbox.fill('textarea[name="body"]', "Thank you {{contact.name}}! This is {{agent.name}}, happy to help.");
    const shared = inbox.locator('input[name="scope"][value="shared"]');
    if (await shared.count()) await shared.check();
    await inbox.locator("form.canned-form button[type=submit]").first().click();
    await inbox.locator("body", { hasText: "/thanks" }).first().waitFor();

    // The customer writes.
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await customer.goto(`${base}/simulator`);
    const second = await customer.locator(".chat-item").nth(1).getAttribute("href");
    await customer.goto(base + second);
    const name = (await customer.locator(".chat-item.is-active strong").textContent()).trim();
    const question = `Do you have this in blue? ${Date.now()}`;
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");

    await inbox.goto(`${base}/inbox`);
    // By name: an automation set up by another test may have answered last.
    const row = inbox.locator(".conv-item", { hasText: name });
    await row.waitFor({ timeout: 15_000 });
    await row.locator("a.conv-link").click();
    await inbox.locator("#thread-messages", { hasText: question }).waitFor();

    // Triage: assign to me, high priority, pin.
    await inbox.selectOption('#triage-bar select[name="assignee"]', { index: 1 });
    await inbox.locator("#thread-messages", { hasText: "took the conversation" }).waitFor();
    await inbox.selectOption('#triage-bar select[name="priority"]', "3");
    await inbox.locator("#thread-messages", { hasText: "set priority to High" }).waitFor();
    await inbox.click('#triage-bar button[name="pinned"]');
    await inbox.locator("#thread-messages", { hasText: "pinned the conversation" }).waitFor();
    await inbox.locator("#count-mine", { hasText: /^[1-9]/ }).waitFor();

    // A private note.
    await inbox.click('[data-composer-tab="note"]');
    await inbox.fill("#note-form textarea", "Regular customer — offer free shipping");
    await inbox.keyboard.press("Enter");
    await inbox.locator(".note-bubble", { hasText: "offer free shipping" }).waitFor();

    // The canned reply, chosen with "/" in the composer.
    await inbox.click('[data-composer-tab="reply"]');
    await inbox.fill("#composer-text", "/thanks");
    await inbox.locator(".canned-option", { hasText: "/thanks" }).first().waitFor();
    await inbox.keyboard.press("Enter");
    const filled = await inbox.inputValue("#composer-text");
    assert.match(filled, new RegExp(`Thank you ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}! This is Aiko \\(admin\\)`));
    await inbox.keyboard.press("Enter");
    await inbox.locator(".msg[data-status='sent']", { hasText: "happy to help" }).waitFor({ timeout: 15_000 });

    // A sticker.
    await inbox.click("#composer-tool-sticker > summary");
    await inbox.locator(".sticker-picker__item").first().click();
    await inbox.locator(".msg--out.msg--sent .bubble--sticker").last().waitFor({ timeout: 15_000 });

    // An image upload.
    await inbox.click("#composer-tool-attach > summary");
    await inbox.setInputFiles("[data-attach-input]", { name: "blue-jacket.png", mimeType: "image/png", buffer: PNG });
    await inbox.locator("form.attach-form button[type=submit]").click();
    await inbox.locator(".msg--out.msg--sent .bubble--image").last().waitFor({ timeout: 15_000 });

    await inbox.screenshot({ path: join(screenshots, "triage-desktop.png") });

    // The customer got the reply, the sticker and the image — and not the note.
    await customer.locator("body", { hasText: "happy to help" }).waitFor({ timeout: 15_000 });
    await customer.waitForFunction(() => document.querySelectorAll("img").length > 3);
    assert.equal(await customer.locator("body", { hasText: "offer free shipping" }).count(), 0, "a private note never reaches LINE");
    await customer.screenshot({ path: join(screenshots, "simulator-rich-phone.png") });

    // Resolve with the keyboard shortcut.
    await inbox.locator("#thread-messages").click();
    await inbox.keyboard.press("e");
    await inbox.locator("#thread-messages", { hasText: "resolved the conversation" }).waitFor();

    const phone = await (await browser.newContext({ viewport: PHONE, storageState: await context.storageState() })).newPage();
    await phone.goto(`${base}/inbox?view=resolved`);
    await phone.locator(".conv-item", { hasText: name }).first().waitFor();
    await phone.screenshot({ path: join(screenshots, "inbox-phone-resolved.png") });
  } finally {
    await browser.close();
  }
}
