// The foundation walk: an agent signs in, a customer writes from the LINE
// simulator, the message appears live in the inbox, the agent replies, the
// customer sees the reply. Screenshots of the inbox at desktop and phone width.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

export default async function run({ base, screenshots }) {
  const browser = await launch();
  try {
    const agentContext = await browser.newContext({ viewport: DESKTOP });
    const inbox = await agentContext.newPage();
    await signIn(inbox, base);
    await inbox.waitForSelector('#live-status[data-state="online"]');

    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    // A new customer of our own: other walks sharing this instance change the default chat (blocks, groups).
    const created = await (await fetch(`${base}/simulator/users`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ displayName: `Walk ${Date.now().toString(36)}`, language: "en" }) })).json();
    await customer.goto(`${base}/simulator?chat=${created.chatId}`);
    const chatName = (await customer.locator(".chat-item.is-active strong").textContent()).trim();
    const question = `Is the blue jacket in stock? ${Date.now()}`;
    await customer.fill('textarea[name="text"]', question);
    await customer.keyboard.press("Enter");

    // Arrives live: no reload of the inbox.
    const row = inbox.locator(".conv-item", { hasText: question });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.textContent(), new RegExp(chatName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    // A row that arrived live is wired like the others: it swaps the thread in, the page is not reloaded.
    await inbox.evaluate(() => (window.__sameInboxPage = true));
    await row.locator("a").first().click();
    await inbox.locator("#thread-messages", { hasText: question }).waitFor();
    assert.equal(await inbox.evaluate(() => window.__sameInboxPage === true), true, "opening a live row must not reload the inbox page");
    // Wait until the thread's live socket is up before typing, or a busy machine gets the Enter before the
    // Enter-to-send handler exists.
    await inbox.waitForSelector('#live-status[data-state="online"]');

    const answer = `Yes — sizes M and L are in stock. ${Date.now()}`;
    await inbox.fill("#composer-text", answer);
    await inbox.keyboard.press("Enter");
    const bubble = inbox.locator(".msg", { hasText: answer });
    await bubble.waitFor();
    await inbox.locator(".msg[data-status='sent']", { hasText: answer }).waitFor({ timeout: 15_000 });
    assert.match(await bubble.textContent(), /reply/i, "a fresh reply token is used: the bubble says via reply");

    // The customer sees the agent's answer live in the simulator.
    await customer.locator("body", { hasText: answer }).waitFor({ timeout: 15_000 });

    // A second customer message arrives live in the open thread.
    const followUp = `Great, I'll take an M ${Date.now()}`;
    await customer.fill('textarea[name="text"]', followUp);
    await customer.keyboard.press("Enter");
    await inbox.locator("#thread-messages", { hasText: followUp }).waitFor({ timeout: 15_000 });
    // The agent is reading it: its row in the list moves up with the new message and no unread badge.
    const liveRow = inbox.locator(".conv-item", { hasText: followUp });
    await liveRow.waitFor({ timeout: 15_000 });
    assert.equal(await liveRow.locator("[data-unread]").count(), 0, "the open conversation's row shows no unread badge");

    await inbox.screenshot({ path: join(screenshots, "inbox-desktop.png") });
    await customer.screenshot({ path: join(screenshots, "simulator-phone.png") });

    const phone = await (await browser.newContext({ viewport: PHONE, storageState: await agentContext.storageState() })).newPage();
    await phone.goto(`${base}/inbox`);
    await phone.screenshot({ path: join(screenshots, "inbox-phone-list.png") });
    await phone.locator(".conv-item", { hasText: followUp }).locator("a").first().click();
    await phone.locator("#thread-messages", { hasText: followUp }).waitFor();
    await phone.screenshot({ path: join(screenshots, "inbox-phone-thread.png") });

    // The list reloads itself (its socket reconnected) or through a filter; a message that
    // arrives live while that reload is on its way must not be undone by the older page it brings.
    const reloads = {
      "reconnect": () => window.linedeskList.refresh(),
      "filter": () => window.htmx.trigger(document.getElementById("list-filter"), "submit"),
    };
    for (const [how, reload] of Object.entries(reloads)) {
      const isList = (url) => new URL(url).pathname === "/inbox/list";
      let listRead;
      const read = new Promise((resolve) => (listRead = resolve));
      let release;
      const released = new Promise((resolve) => (release = resolve));
      await inbox.route(isList, async (route) => {
        const response = await route.fetch();
        listRead();
        await released;
        await route.fulfill({ response });
      });
      const reloaded = inbox.evaluate(
        (source) =>
          new Promise((resolve) => {
            document.addEventListener("inbox:list-replaced", () => resolve(), { once: true });
            const listLoaded = (evt) => {
              if (!evt.detail.ctx.request.action.startsWith("/inbox/list")) return;
              document.removeEventListener("htmx:finally:request", listLoaded);
              resolve();
            };
            document.addEventListener("htmx:finally:request", listLoaded);
            new Function(`return (${source})()`)();
          }),
        reload.toString(),
      );
      await read;
      const meanwhile = `Actually, make it an L (${how}) ${Date.now()}`;
      await customer.fill('textarea[name="text"]', meanwhile);
      await customer.keyboard.press("Enter");
      await inbox.locator(".conv-item", { hasText: meanwhile }).waitFor({ timeout: 15_000 });
      release();
      await reloaded;
      await inbox.unroute(isList);
      assert.equal(await inbox.locator(".conv-item", { hasText: meanwhile }).count(), 1, `the live row survives the list reload (${how}) that was read before it`);
    }
  } finally {
    await browser.close();
  }
}
