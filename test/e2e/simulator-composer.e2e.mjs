// Defect 8 of issue 8: what a customer types while a message is on its way stays in
// the box. The first send is held at the network until the second text is typed;
// both messages then reach the app in order, and the box keeps the second text until
// it is sent. A send the simulator cannot take puts its text back.
import assert from "node:assert/strict";
import { DESKTOP, launch, PHONE, signIn } from "./browser.mjs";

export default async function run({ base }) {
  const browser = await launch();
  try {
    const customer = await (await browser.newContext({ viewport: PHONE })).newPage();
    const created = await customer.request.post(`${base}/simulator/users`, { data: { displayName: "Composer Test", language: "en" } });
    const { chatId } = await created.json();
    assert.match(chatId, /^U[0-9a-f]{32}$/);
    await customer.goto(`${base}/simulator?chat=${chatId}`);
    const box = customer.locator('textarea[name="text"]');
    const log = customer.locator("#chat-log");

    // Hold the first send until the test lets it go.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let heldOne = false;
    let reachedNetwork;
    const firstAtNetwork = new Promise((resolve) => (reachedNetwork = resolve));
    await customer.route("**/simulator/chats/*/send**", async (route) => {
      if (!heldOne) {
        heldOne = true;
        reachedNetwork();
        await held;
      }
      await route.continue();
    });

    const first = `Where is my order? ${Date.now()}`;
    const second = `It was order A12345 ${Date.now()}`;
    await box.fill(first);
    await box.press("Enter");
    await firstAtNetwork;
    // Still on its way: the box gave up only the sent text, and takes new typing.
    await box.pressSequentially(second);
    assert.equal(await box.inputValue(), second);

    release();
    await log.locator(".entry.me", { hasText: first }).waitFor();
    assert.equal(await box.inputValue(), second, "the finished send must not clear what was typed meanwhile");

    await box.press("Enter");
    await log.locator(".entry.me", { hasText: second }).waitFor();
    assert.equal(await box.inputValue(), "");

    // Both reached the app, in the order they were typed.
    const agent = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(agent, base);
    await agent.locator(".conv-item", { hasText: "Composer Test" }).locator("a").first().click();
    const thread = agent.locator("#thread-messages");
    await thread.locator(".msg", { hasText: second }).waitFor({ timeout: 15_000 });
    const text = await thread.textContent();
    assert.ok(text.indexOf(first) >= 0 && text.indexOf(first) < text.indexOf(second), "first before second in the thread");

    // A send that cannot reach the simulator puts its text back, with a message.
    await customer.unroute("**/simulator/chats/*/send**");
    await customer.route("**/simulator/chats/*/send**", (route) => route.abort());
    const lost = `This one fails ${Date.now()}`;
    await box.fill(lost);
    await box.press("Enter");
    await customer.locator(".flash", { hasText: /Could not reach the simulator/ }).waitFor();
    assert.equal(await box.inputValue(), lost);
  } finally {
    await browser.close();
  }
}
